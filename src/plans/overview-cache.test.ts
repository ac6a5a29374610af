import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// The plan overview's content is kept between requests; these are the ways it could go stale.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let council: string;
const PASSWORD = 'a long enough password';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  council = await councilOf(app, planId);
  await addMember(
    app,
    { email: 'pm@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD },
    council,
    {
      role: 'plan-manager',
    },
  );
  await addMember(
    app,
    { email: 'viewer@testshire.gov.uk', name: 'Board Member', password: PASSWORD },
    council,
    {
      role: 'viewer',
    },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

async function overview(email: string, query = '') {
  const client = new WebClient(server);
  await client.signIn(email, PASSWORD);
  return (await client.get(`/plans/${planId}${query}`)).body;
}

test('a change to the plan shows at once on the next view', async () => {
  assert.match(await overview('pm@testshire.gov.uk'), /Amber 1/);
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('pm'), planId, 'action', 'a1', { status: 'RED' }),
  );
  const page = await overview('pm@testshire.gov.uk');
  assert.match(page, /Red 1/);
  assert.doesNotMatch(page, /Amber 1/);
});

test('each reader sees the links their role allows, whoever viewed the page first', async () => {
  assert.match(await overview('pm@testshire.gov.uk'), /Change the plan/);
  assert.doesNotMatch(await overview('viewer@testshire.gov.uk'), /Change the plan/);
  assert.match(await overview('pm@testshire.gov.uk'), /Change the plan/);
});

test('a renamed council and reworded statuses show, though they are not in the plan’s history', async () => {
  await overview('pm@testshire.gov.uk');
  await app.db
    .updateTable('organisation')
    .set({ name: 'Testshire Council (renamed)' })
    .where('id', '=', council)
    .execute();
  assert.match(await overview('pm@testshire.gov.uk'), /Testshire Council \(renamed\)/);
});

test('overdue is judged on the day of viewing, and filters are kept apart', async () => {
  assert.match(await overview('pm@testshire.gov.uk', '?overdue=yes'), /Showing 1 of 1 actions/);
  assert.match(await overview('pm@testshire.gov.uk', '?status=GREEN'), /Showing 0 of 1 actions/);
  app.clock.set('2026-02-01T09:00:00Z');
  assert.match(await overview('pm@testshire.gov.uk', '?overdue=yes'), /Showing 0 of 1 actions/);
  app.clock.set('2026-06-15T09:00:00Z');
});
