import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPlanDocument } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';

let app: Awaited<ReturnType<typeof testContext>>;
let planId: string;

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
});
after(() => app.close());

test('the exported plan shows every committed change, however often it is read', async () => {
  const read = () => app.transaction((trx) => app.services.documents.export(trx, planId));
  assert.equal((await read()).actions[0]?.status, 'AMBER');
  await read();
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('pm'), planId, 'action', 'a1', {
      status: 'GREEN',
    }),
  );
  assert.equal((await read()).actions[0]?.status, 'GREEN');
  await app.transaction((trx) =>
    app.services.content.add(trx, app.changeBy('pm'), planId, 'action', {
      ...buildPlanDocument().actions[0],
      id: 'a9',
      ref: '1.9',
    }),
  );
  assert.deepEqual(
    (await read()).actions.map((a) => a.id),
    ['a1', 'a9'],
  );
});

test('a change that is rolled back never shows, even if it was read inside its transaction', async () => {
  const read = () => app.transaction((trx) => app.services.documents.export(trx, planId));
  await assert.rejects(
    app.transaction(async (trx) => {
      await app.services.content.update(trx, app.changeBy('pm'), planId, 'action', 'a1', {
        status: 'RED',
      });
      assert.equal((await app.services.documents.export(trx, planId)).actions[0]?.status, 'RED');
      throw new Error('abandon');
    }),
    /abandon/,
  );
  assert.equal((await read()).actions[0]?.status, 'GREEN');
});
