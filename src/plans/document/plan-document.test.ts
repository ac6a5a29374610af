import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../../composition.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { buildPlanDocument } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';

let app: AppContext;
before(async () => {
  app = await testContext();
});
after(() => app.close());

const importDoc = (doc: unknown) =>
  app.transaction((trx) => app.services.documents.import(trx, app.changeBy('tester'), doc));
const exportDoc = (id: string) => app.transaction((trx) => app.services.documents.export(trx, id));

describe('plan interchange document', () => {
  test('export returns exactly what was imported', async () => {
    const doc = buildPlanDocument();
    const id = await importDoc(doc);
    assert.deepEqual(await exportDoc(id), doc);
  });

  test('due dates given as words are normalised on import', async () => {
    const doc = buildPlanDocument();
    const input = { ...doc, actions: doc.actions.map((a) => ({ ...a, due: 'End June 2026' })) };
    const exported = await exportDoc(await importDoc(input));
    const due = exported.actions[0]?.due;
    assert.ok(due && typeof due === 'object', 'the due date is stored normalised');
    assert.equal(due.text, 'End June 2026');
    assert.equal(due.end, '2026-06-30');
  });

  test('a document of the wrong shape is refused, naming the field, and nothing is written', async () => {
    const before = (await app.transaction((trx) => app.services.plans.list(trx))).length;
    const doc = buildPlanDocument();
    const bad = {
      ...doc,
      actions: [{ ...doc.actions[0], recommendationId: 'r99', status: 'PURPLE' }],
    };
    await assert.rejects(importDoc(bad), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(
        error.message,
        /actions\.0\.recommendationId: no recommendation has the id "r99"/,
      );
      assert.match(error.message, /actions\.0\.status: "PURPLE" is not a status/);
      return true;
    });
    await assert.rejects(importDoc({ format: 'something-else' }), /format/);
    await assert.rejects(importDoc([]), ValidationError);
    assert.equal((await app.transaction((trx) => app.services.plans.list(trx))).length, before);
  });

  test('a failure part-way through an import leaves nothing behind', async () => {
    const before = (await app.transaction((trx) => app.services.plans.list(trx))).length;
    const doc = buildPlanDocument({ organisation: { slug: 'halfway', name: 'Halfway Council' } });
    await assert.rejects(
      app.transaction(async (trx) => {
        await app.services.documents.import(trx, app.changeBy('tester'), doc);
        throw new Error('killed');
      }),
      /killed/,
    );
    assert.equal((await app.transaction((trx) => app.services.plans.list(trx))).length, before);
  });

  test('an unknown plan id is a clear not-found', async () => {
    await assert.rejects(exportDoc('00000000-0000-4000-8000-000000000000'), NotFoundError);
  });
});
