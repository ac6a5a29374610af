import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Downloads of the plan as JSON, logged in the access log without a write per download.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: 'pm@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const downloads = async () =>
  (
    await app.transaction((trx) =>
      app.services.access.listAudit(trx, { kind: 'export', limit: 10_000 }),
    )
  ).filter((e) => e.planId === planId);

test('every download in a burst is in the access log, each with its person and file', async () => {
  const pm = await new WebClient(server).signIn('pm@testshire.gov.uk', PASSWORD);
  const before = (await downloads()).length;
  const answers = await Promise.all(
    Array.from({ length: 40 }, () => pm.get(`/plans/${planId}/export.json`)),
  );
  assert.deepEqual(new Set(answers.map((a) => a.statusCode)), new Set([200]));
  const logged = await downloads();
  assert.equal(logged.length - before, 40);
  const user = await app.transaction((trx) =>
    app.services.accounts.findUserByEmail(trx, 'pm@testshire.gov.uk'),
  );
  for (const event of logged) {
    assert.equal(event.userId, user?.id);
    assert.deepEqual(event.detail, { what: 'plan (interchange JSON)' });
  }
});

test('the file downloaded is the plan as it is now, before and after a change', async () => {
  const pm = await new WebClient(server).signIn('pm@testshire.gov.uk', PASSWORD);
  const path = `/plans/${planId}/export.json`;
  const first = await pm.get(path);
  assert.equal(first.headers['content-disposition'], 'attachment; filename="plan.json"');
  const exported = await app.transaction((trx) => app.services.documents.export(trx, planId));
  assert.equal(first.body, `${JSON.stringify(exported, null, 2)}\n`);
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('pm'), planId, 'action', 'a1', {
      text: 'Every pathway plan reviewed by March',
    }),
  );
  const second = await pm.get(path);
  assert.match(second.body, /Every pathway plan reviewed by March/);
  assert.equal((await pm.get(path)).body, second.body);
});
