import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { buildPlanDocument } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';

// The service additions behind the plan settings and reordering pages.

let app: Awaited<ReturnType<typeof testContext>>;

before(async () => {
  app = await testContext();
});
after(() => app.close());

const importPlan = (overrides = {}) =>
  app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('manager'), buildPlanDocument(overrides)),
  );
const run = <T>(work: Parameters<typeof app.transaction<T>>[0]) => app.transaction(work);

describe('choosing a RAG scheme', () => {
  test('offers the built-in schemes, and refuses a scheme lacking a status in use', async () => {
    const id = await importPlan();
    const schemes = await run((trx) => app.services.schemes.available(trx, id));
    assert.deepEqual(schemes.map((s) => s.key).sort(), ['bristol-five-colour', 'red-amber-green']);
    const plain = schemes.find((s) => s.key === 'red-amber-green');
    assert.ok(plain);
    // a1 is AMBER (in both schemes); make it BLUE, which plain RAG lacks.
    await run((trx) =>
      app.services.content.update(trx, app.changeBy('m'), id, 'action', 'a1', { status: 'BLUE' }),
    );
    await assert.rejects(
      run((trx) => app.services.schemes.change(trx, app.changeBy('m'), id, plain.id)),
      (e: Error) => e instanceof ConflictError && /BLUE \(1\)/.test(e.message),
    );
    await run((trx) =>
      app.services.content.update(trx, app.changeBy('m'), id, 'action', 'a1', { status: 'RED' }),
    );
    await run((trx) => app.services.schemes.change(trx, app.changeBy('m'), id, plain.id));
    const view = await run((trx) => app.services.plans.get(trx, id));
    assert.equal(view.scheme.key, 'red-amber-green');
    const history = await run((trx) => app.services.history.list(trx, id, { entity: 'plan' }));
    assert.ok(history.some((h) => h.op === 'update' && h.actor === 'm'));
  });

  test('refuses a scheme that is not offered to the council', async () => {
    const id = await importPlan();
    await assert.rejects(
      run((trx) =>
        app.services.schemes.change(
          trx,
          app.changeBy('m'),
          id,
          '00000000-0000-4000-8000-000000000000',
        ),
      ),
      ValidationError,
    );
  });

  test('the status steps are the ones update enforces', () => {
    assert.deepEqual(app.services.plans.nextStatuses('draft'), ['approved']);
  });
});

describe('boards', () => {
  test('are added and removed, with history, and a second board of the same name is refused', async () => {
    const id = await importPlan();
    const ctx = app.changeBy('m');
    const scrutiny = await run((trx) =>
      app.services.boards.add(trx, ctx, id, {
        name: 'Scrutiny Committee',
        cadence: 'Quarterly',
        chair: null,
      }),
    );
    await assert.rejects(
      run((trx) =>
        app.services.boards.add(trx, ctx, id, {
          name: 'scrutiny committee',
          cadence: null,
          chair: null,
        }),
      ),
      ConflictError,
    );
    let boards = (await run((trx) => app.services.plans.get(trx, id))).boards;
    assert.deepEqual(
      boards.map((b) => b.name),
      ['Improvement Board', 'Scrutiny Committee'],
    );
    const first = boards[0];
    assert.ok(first);
    await run((trx) => app.services.boards.remove(trx, ctx, id, first.id));
    boards = (await run((trx) => app.services.plans.get(trx, id))).boards;
    assert.deepEqual(
      boards.map((b) => b.id),
      [scrutiny.id],
    );
    await assert.rejects(
      run((trx) => app.services.boards.remove(trx, ctx, id, first.id)),
      NotFoundError,
    );
    // The plan as it stood is rebuilt from history with the same boards.
    const now = await run((trx) => app.services.documents.exportAsAt(trx, id, ctx.at));
    assert.deepEqual(
      now.boards.map((b) => b.name),
      ['Scrutiny Committee'],
    );
  });
});

describe('moving content', () => {
  test('swaps an action with its neighbour within the same recommendation only', async () => {
    const base = buildPlanDocument();
    const a1 = base.actions[0];
    assert.ok(a1);
    const id = await importPlan({
      recommendations: [
        ...base.recommendations,
        { ...base.recommendations[0], id: 'r2', ref: '2', text: 'Second' },
      ],
      actions: [
        a1,
        { ...a1, id: 'a9', ref: '2.1', recommendationId: 'r2' },
        { ...a1, id: 'a2', ref: '1.2' },
      ],
    });
    const ctx = app.changeBy('m');
    const order = async () =>
      (await run((trx) => app.services.content.list(trx, id, 'action'))).map((a) => a.id);
    assert.equal(
      await run((trx) =>
        app.services.content.move(trx, ctx, id, 'action', 'a2', 'up', 'recommendationId'),
      ),
      true,
    );
    assert.deepEqual(await order(), ['a2', 'a9', 'a1']);
    assert.equal(
      await run((trx) =>
        app.services.content.move(trx, ctx, id, 'action', 'a2', 'up', 'recommendationId'),
      ),
      false,
    );
    const moved = await run((trx) =>
      app.services.history.list(trx, id, { entity: 'action', entityId: 'a1' }),
    );
    assert.equal(moved.at(-1)?.op, 'update');
  });
});
