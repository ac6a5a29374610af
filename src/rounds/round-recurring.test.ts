import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Recurring and ongoing actions ("Quarterly", "Monthly audits", "Ongoing") expect an update
// every period, so every round includes them, whatever the manager ticked; a complete one
// and a one-off action left unticked are not included.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
const PASSWORD = 'a long enough password';
const MANAGER = 'lee.morris@ashcombe.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

before(async () => {
  app = await testContext();
  app.clock.set('2026-04-06T09:00:00Z');
  const doc = buildPlanDocument();
  const first = doc.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, text: string, due: string, status = 'AMBER') => ({
    ...first,
    id,
    ref,
    text,
    due: parseFuzzyDate(due, period),
    status,
    leads: [{ name: 'Head of Quality Assurance', kind: 'role' as const }],
  });
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'ashcombe', name: 'Ashcombe Council' },
        actions: [
          action('r1', '1.1', 'Publish the practice framework', 'By March 2027'),
          action('r2', '1.2', 'Report caseloads to the board', 'Quarterly'),
          action('r3', '1.3', 'Audit case files', 'Monthly audits'),
          action('r4', '1.4', 'Hear the voice of children', 'Ongoing'),
          action('r5', '1.5', 'Appoint a principal social worker', 'By March 2027'),
          action('r6', '1.6', 'Review the quarterly scorecard', 'Quarterly', 'BLUE'),
        ],
        measures: [],
        measureValues: [],
        risks: [],
        costs: [],
      }),
    ),
  );
  await addMember(
    app,
    { email: MANAGER, name: 'Lee Morris', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const covered = async (roundId: string) =>
  (await app.transaction((trx) => app.services.rounds.progress(trx, planId, roundId))).actions
    .map((a) => a.id)
    .sort();

describe('recurring and ongoing actions in rounds', () => {
  test('the new round form ticks them and says every round includes them', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = await manager.get(`/plans/${planId}/rounds/new`);
    assert.equal(page.statusCode, 200);
    const hints = page.body.match(/Recurring: every round includes it, chosen or not/g) ?? [];
    assert.equal(hints.length, 3, 'Quarterly, Monthly audits and Ongoing; not the complete one');
    assert.match(page.body, /value="r2" checked/);
  });

  test('a round opened with only a one-off action ticked still covers every recurring one', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const opened = await manager.submit(`/plans/${planId}/rounds/new`, {
      name: 'April 2026 update',
      'deadline-day': '17',
      'deadline-month': '4',
      'deadline-year': '2026',
      actions: ['r1'],
    });
    assert.equal(opened.statusCode, 303, opened.body);
    const round = await app.transaction((trx) => app.services.rounds.current(trx, planId));
    assert.ok(round);
    assert.deepEqual(await covered(round.id), ['r1', 'r2', 'r3', 'r4']);
    const page = await manager.get(`/plans/${planId}/rounds/${round.id}`);
    assert.match(page.body, /0 of 4 actions/);
    await app.transaction((trx) =>
      app.services.rounds.close(trx, app.changeBy('Lee Morris'), planId, round.id),
    );
  });

  test('and again in the next period’s round', async () => {
    app.clock.set('2026-05-04T09:00:00Z');
    const round = await app.transaction((trx) =>
      app.services.rounds.open(trx, app.changeBy('Lee Morris'), planId, {
        name: 'May 2026 update',
        deadline: '2026-05-15',
        actionIds: ['r5'],
      }),
    );
    assert.deepEqual(await covered(round.id), ['r2', 'r3', 'r4', 'r5']);
  });
});
