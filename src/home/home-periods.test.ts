import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// "Awaiting your update" counts by each action's own period: a quarterly action updated
// earlier this quarter is up to date; one last updated last quarter awaits this quarter's
// update; any other action awaits this month's. The plan's count and its filter agree.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
const PASSWORD = 'a long enough password';
const period = { start: '2026-01-01', end: '2027-12-31' };

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const doc = buildPlanDocument();
  const first = doc.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, text: string, due: string) => ({
    ...first,
    id,
    ref,
    text,
    due: parseFuzzyDate(due, period),
    status: 'AMBER',
    leads: [{ name: 'Rhian Price', kind: 'person' as const }],
  });
  const update = (id: string, actionId: string, date: string) => ({
    id,
    actionId,
    date,
    author: 'Rhian Price',
    text: 'Progress as planned',
    proposedStatus: null,
    evidence: [],
  });
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), {
      ...doc,
      measures: [],
      measureValues: [],
      risks: [],
      costs: [],
      actions: [
        action('q1', '2.1', 'Report caseloads to the board', 'Quarterly'),
        action('q2', '2.2', 'Audit supervision records', 'Quarterly'),
        action('m1', '2.3', 'Publish the sufficiency strategy', 'By March 2027'),
        action('m2', '2.4', 'Recruit two advanced practitioners', 'By March 2027'),
      ],
      updates: [
        update('u1', 'q1', '2026-04-20'),
        update('u2', 'q2', '2026-03-30'),
        update('u3', 'm1', '2026-05-29'),
        update('u4', 'm2', '2026-06-03'),
      ],
    }),
  );
  await addMember(
    app,
    { email: 'rhian.price@testshire.gov.uk', name: 'Rhian Price', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'action-lead' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

function table(html: string, id: string): string {
  const found = new RegExp(`<table class="govuk-table" id="${id}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(found, `the page has no table "${id}"`);
  return found[1] ?? '';
}

describe('awaiting an update, by each action’s own period', () => {
  test('a quarterly action updated this quarter is up to date; last quarter’s is not', async () => {
    const lead = await new WebClient(server).signIn('rhian.price@testshire.gov.uk', PASSWORD);
    const page = await lead.get('/');
    const awaiting = table(page.body, 'awaiting');
    assert.match(awaiting, /Audit supervision records[\s\S]*No update this quarter/);
    assert.match(awaiting, /Publish the sufficiency strategy[\s\S]*No update for June 2026/);
    assert.doesNotMatch(awaiting, /Report caseloads to the board/, 'updated in April');
    assert.doesNotMatch(awaiting, /Recruit two advanced practitioners/, 'updated in June');
    assert.match(page.body, />Awaiting your update \(2\)</);
    assert.match(page.body, /\?noUpdate=yes">2 of 4 without an update for June 2026<\/a>/);
  });

  test('the plan’s filter finds the same two actions', async () => {
    const lead = await new WebClient(server).signIn('rhian.price@testshire.gov.uk', PASSWORD);
    const page = await lead.get(`/plans/${planId}?noUpdate=yes`);
    assert.match(page.body, /Showing 2 of 4 actions/);
    assert.match(page.body, /Audit supervision records/);
    assert.match(page.body, /Publish the sufficiency strategy/);
    assert.doesNotMatch(page.body, /Report caseloads to the board/);
  });
});
