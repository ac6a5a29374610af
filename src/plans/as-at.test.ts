import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A plan seen as it stood on a past day, rebuilt from its history: what changed after that
// day is absent, what changed before it is there, "overdue" is counted for that day, nothing
// can be changed, and links within the plan keep the day.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';

before(async () => {
  app = await testContext();
  // Imported in January; action a1 (Amber) is due by the end of March 2026.
  app.clock.set('2026-01-10T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  // February: an update proposes Red, which becomes the status.
  app.clock.set('2026-02-15T09:00:00Z');
  await app.transaction((trx) =>
    app.services.updates.add(
      trx,
      app.changeBy('lead'),
      planId,
      {
        actionId: 'a1',
        date: '2026-02-15',
        author: 'Service Manager',
        text: 'Recruitment has stalled.',
        proposedStatus: 'RED',
        evidence: [],
      },
      null,
    ),
  );
  // May: the action is reworded.
  app.clock.set('2026-05-20T09:00:00Z');
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('manager'), planId, 'action', 'a1', {
      text: 'Complete and review pathway plans for every care leaver',
    }),
  );
  app.clock.set('2026-06-15T09:00:00Z');
  await addMember(
    app,
    { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = () => new WebClient(server).signIn(MANAGER, PASSWORD);

describe('the overview as at a day', () => {
  test('shows the plan as it stood, with a banner, overdue for that day and no edit links', async () => {
    const manager = await signedIn();
    const feb = (await manager.get(`/plans/${planId}?asAt=2026-02-28`)).body;
    assert.match(feb, /You are looking at this plan as it stood on 28 February 2026/);
    assert.match(feb, new RegExp(`href="/plans/${planId}\\?asAt=today"`));
    assert.match(feb, /Red<\/strong> <span class="app-count">1</, 'the February update is there');
    assert.match(feb, /Complete pathway plans for care leavers without a plan/);
    assert.doesNotMatch(feb, /Complete and review pathway plans/, 'May’s rewording is not');
    assert.match(feb, /None overdue/, 'due by 31 March: not overdue on 28 February');
    assert.doesNotMatch(feb, /Change the plan|Plan settings/);
    // Links within the plan keep the day.
    assert.match(feb, new RegExp(`/plans/${planId}/actions/a1\\?asAt=2026-02-28`));

    const april = (await manager.get(`/plans/${planId}?asAt=2026-04-30`)).body;
    assert.match(april, new RegExp(`\\?overdue=yes&amp;asAt=2026-04-30">1 overdue</a>`));

    const today = (await manager.get(`/plans/${planId}`)).body;
    assert.doesNotMatch(today, /You are looking at this plan as it stood/);
    assert.match(today, /Complete and review pathway plans/);
    assert.match(today, /Change the plan/);
  });

  test('takes the day from the GOV.UK date input, and says when it is not a real date', async () => {
    const manager = await signedIn();
    const chosen = await manager.get(`/plans/${planId}?asAt-day=28&asAt-month=2&asAt-year=2026`);
    assert.equal(chosen.statusCode, 303);
    assert.equal(chosen.headers.location, `/plans/${planId}?asAt=2026-02-28`);
    const wrong = await manager.get(`/plans/${planId}?asAt-day=30&asAt-month=2&asAt-year=2026`);
    assert.equal(wrong.statusCode, 200);
    assert.match(wrong.body, /Enter a real date, like 1 4 2018/);
  });

  test('before the plan was added, says so in words', async () => {
    const manager = await signedIn();
    const early = await manager.get(`/plans/${planId}?asAt=2025-12-31`);
    assert.equal(early.statusCode, 404);
    assert.match(early.body, /This plan had not been added yet on that date/);
    assert.doesNotMatch(early.body, new RegExp(planId.replace(/-/g, '\\-') + '(?!/)'));
  });
});

describe('the action page as at a day', () => {
  test('shows the status, updates and text of that day, and nothing to change', async () => {
    const manager = await signedIn();
    const jan = (await manager.get(`/plans/${planId}/actions/a1?asAt=2026-01-31`)).body;
    assert.match(jan, /as it stood on 31 January 2026/);
    assert.match(jan, /No updates yet/);
    assert.match(jan, /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Amber/);
    assert.doesNotMatch(jan, /Change this action|Give an update/);
    assert.match(
      jan,
      new RegExp(`href="/plans/${planId}\\?asAt=2026-01-31"`),
      'back link keeps it',
    );

    const march = (await manager.get(`/plans/${planId}/actions/a1?asAt=2026-03-01`)).body;
    assert.match(march, /Recruitment has stalled\./);
    assert.match(march, /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Red/);
  });

  test('the recommendation page too', async () => {
    const manager = await signedIn();
    const page = (await manager.get(`/plans/${planId}/recommendations/r1?asAt=2026-01-31`)).body;
    assert.match(page, /as it stood on 31 January 2026/);
    assert.doesNotMatch(page, /Change this recommendation|Add an action/);
    assert.match(page, new RegExp(`/plans/${planId}/actions/a1\\?asAt=2026-01-31`));
  });
});

describe('a plan that opens in its own time', () => {
  test('opens at its day, says so in the plan list, and can be seen today', async () => {
    await app.transaction((trx) =>
      app.services.plans.update(trx, app.changeBy('demo'), planId, { openAsAt: '2026-02-28' }),
    );
    const manager = await signedIn();
    const opened = (await manager.get(`/plans/${planId}`)).body;
    assert.match(opened, /You are looking at this plan as it stood on 28 February 2026/);
    assert.match((await manager.get('/plans')).body, /Shown as it stood on 28 February 2026/);
    assert.match((await manager.get('/')).body, /Shown as it stood on 28 February 2026/);
    const now = (await manager.get(`/plans/${planId}?asAt=today`)).body;
    assert.doesNotMatch(now, /You are looking at this plan as it stood/);
    // Links keep "today", or they would fall back to the plan's own day.
    assert.match(now, new RegExp(`/plans/${planId}/actions/a1\\?asAt=today`));
    await app.transaction((trx) =>
      app.services.plans.update(trx, app.changeBy('demo'), planId, { openAsAt: null }),
    );
  });
});
