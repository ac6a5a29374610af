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

  test('organisation, inspection, boards and RAG scheme are validated, naming the field', async () => {
    const doc = buildPlanDocument();
    const cases: Array<[unknown, RegExp]> = [
      [
        { ...doc, organisation: { slug: 'Bad Slug!', name: 'x' } },
        /organisation\.slug: must be 2-60 lower-case letters/,
      ],
      [
        { ...doc, inspection: { ...doc.inspection, receivedOn: '2025-13-01' } },
        /inspection\.receivedOn: must be a date written YYYY-MM-DD|inspection\.receivedOn: is not a real calendar date/,
      ],
      [
        {
          ...doc,
          inspection: { ...doc.inspection, startedOn: '2025-11-20', endedOn: '2025-11-03' },
        },
        /inspection\.endedOn: must not be before startedOn/,
      ],
      [
        {
          ...doc,
          inspection: { ...doc.inspection, judgements: [{ area: 'Overall', grade: 'excellent' }] },
        },
        /inspection\.judgements\.0\.grade/,
      ],
      [
        { ...doc, boards: [doc.boards[0], doc.boards[0]] },
        /boards\.1\.name: the board "Improvement Board" is listed twice/,
      ],
      [
        {
          ...doc,
          ragScheme: {
            ...doc.ragScheme,
            statuses: [doc.ragScheme.statuses[0], doc.ragScheme.statuses[0]],
          },
        },
        /ragScheme\.statuses\.1\.code: RED appears twice/,
      ],
      [
        {
          ...doc,
          ragScheme: {
            ...doc.ragScheme,
            statuses: [
              { ...doc.ragScheme.statuses[0], colour: '#ff0000' },
              doc.ragScheme.statuses[1],
            ],
          },
        },
        /ragScheme\.statuses\.0\.colour/,
      ],
      [
        { ...doc, plan: { ...doc.plan, deadlineOverride: '2026-05-01' } },
        /plan\.deadlineOverrideReason: is required when the deadline is overridden/,
      ],
    ];
    for (const [input, expected] of cases) {
      await assert.rejects(
        importDoc(input),
        (error: unknown) => error instanceof ValidationError && expected.test(error.message),
      );
    }
  });

  test('a council defines its own RAG scheme (Central Bedfordshire uses Yellow)', async () => {
    const doc = buildPlanDocument({
      organisation: { slug: 'central-bedfordshire', name: 'Central Bedfordshire Council' },
      ragScheme: {
        key: 'red-yellow-green',
        name: 'Red, Yellow, Green',
        statuses: [
          { code: 'RED', label: 'Red', colour: 'red', meaning: 'Off track', category: 'off-track' },
          {
            code: 'YELLOW',
            label: 'Yellow',
            colour: 'yellow',
            meaning: 'Some slippage',
            category: 'at-risk',
          },
          {
            code: 'GREEN',
            label: 'Green',
            colour: 'green',
            meaning: 'On track',
            category: 'on-track',
          },
        ],
      },
    });
    const yellow = { ...doc, actions: doc.actions.map((a) => ({ ...a, status: 'YELLOW' })) };
    const exported = await exportDoc(await importDoc(yellow));
    assert.equal(exported.actions[0]?.status, 'YELLOW');
    assert.equal(exported.ragScheme.statuses[1]?.label, 'Yellow');
    const clash = { ...yellow, ragScheme: { ...yellow.ragScheme, name: 'Something else' } };
    await assert.rejects(
      importDoc(clash),
      /already has a RAG scheme "red-yellow-green" with different statuses/,
    );
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
