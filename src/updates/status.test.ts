import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A proposed status takes effect (or waits for a manager where the plan asks for that), the
// success banner after a save, and pages that name actions and offer only what a person may do.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let confirmingPlanId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const LEAD = 'lead@testshire.gov.uk';

/** A plan whose action a1 is Amber, with a second action a2 that has no reference. */
function plan(title: string, confirmStatuses: boolean) {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  return buildPlanDocument({
    plan: { ...base.plan, title, confirmStatuses },
    actions: [
      first,
      { ...first, id: 'a2', ref: null, text: 'Audit a sample of pathway plans every quarter' },
    ],
  });
}

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan('Testshire plan', false)),
  );
  confirmingPlanId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan('Confirming plan', true)),
  );
  const council = await councilOf(app, planId);
  await addMember(
    app,
    { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
    council,
    {
      role: 'plan-manager',
    },
  );
  await addMember(app, { email: LEAD, name: 'Service Manager', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Service Manager, Leaving Care'],
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
/** The text of the action page's Status row. */
const statusRow = (html: string) =>
  /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*([^<]*?)\s*<\/dd>/.exec(html)?.[1];

describe('a proposed status', () => {
  test('becomes the action’s status, with a banner saying the update was saved', async () => {
    const lead = await signedIn(LEAD);
    const path = `/plans/${planId}/actions/a1`;
    assert.equal(statusRow((await lead.get(path)).body), 'Amber');
    const sent = await lead.submit(`${path}/updates/new`, {
      text: 'Twelve more pathway plans were completed in May.',
      proposedStatus: 'GREEN',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, path);
    const page = await lead.get(path);
    assert.equal(statusRow(page.body), 'Green');
    assert.match(page.body, /govuk-notification-banner--success/);
    assert.match(page.body, /Your update has been saved/);
    // The banner is shown once.
    assert.doesNotMatch((await lead.get(path)).body, /Your update has been saved/);
    // The overview's summary counts it.
    const overview = await lead.get(`/plans/${planId}`);
    assert.match(overview.body, /Green<\/strong> <span class="app-count">1<\/span>/);
  });

  test('waits for a manager where the plan asks for confirmation, who confirms it', async () => {
    const lead = await signedIn(LEAD);
    const path = `/plans/${confirmingPlanId}/actions/a1`;
    await lead.submit(`${path}/updates/new`, {
      text: 'All care leavers now have a plan.',
      proposedStatus: 'GREEN',
    });
    const waiting = await lead.get(path);
    assert.equal(statusRow(waiting.body), 'Amber; Green proposed, awaiting confirmation');
    assert.doesNotMatch(waiting.body, /Confirm the proposed status/, 'a lead cannot confirm');

    const manager = await signedIn(MANAGER);
    const overview = await manager.get(`/plans/${confirmingPlanId}`);
    assert.match(overview.body, /1 proposed status awaiting confirmation/);
    const list = await manager.get(`/plans/${confirmingPlanId}/proposals`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Action 1\.1/);
    assert.match(list.body, /All care leavers now have a plan\./);
    const confirmed = await manager.submit(
      `/plans/${confirmingPlanId}/proposals`,
      { status: 'GREEN', from: 'proposals' },
      `${path}/status`,
    );
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, `/plans/${confirmingPlanId}/proposals`);
    assert.match(
      (await manager.get(String(confirmed.headers.location))).body,
      /No statuses are awaiting/,
    );
    assert.equal(statusRow((await manager.get(path)).body), 'Green');
  });

  test('can be changed to another status by the manager, and a made-up one is refused', async () => {
    const lead = await signedIn(LEAD);
    const path = `/plans/${confirmingPlanId}/actions/a2`;
    await lead.submit(`${path}/updates/new`, { text: 'Started.', proposedStatus: 'GREEN' });
    const manager = await signedIn(MANAGER);
    const form = await manager.get(path);
    assert.match(form.body, /Confirm the proposed status, or choose another/);
    const refused = await manager.submit(path, { status: 'PINK' }, `${path}/status`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is a problem/);
    assert.match(refused.body, /Choose a status from the list/);
    const changed = await manager.submit(path, { status: 'AMBER' }, `${path}/status`);
    assert.equal(changed.statusCode, 303);
    assert.equal(statusRow((await manager.get(path)).body), 'Amber');
  });
});

describe('the plan setting', () => {
  test('a plan manager turns confirmation on in the settings, and proposals then wait', async () => {
    const manager = await signedIn(MANAGER);
    const settings = `/plans/${planId}/settings`;
    assert.match((await manager.get(settings)).body, /Do status changes need a plan manager/);
    const saved = await manager.submit(
      settings,
      { confirmStatuses: 'yes' },
      `${settings}/confirmation`,
    );
    assert.equal(saved.statusCode, 303);
    assert.match((await manager.get(settings)).body, /The plan’s settings have been saved/);
    const lead = await signedIn(LEAD);
    const path = `/plans/${planId}/actions/a1`;
    await lead.submit(`${path}/updates/new`, { text: 'Slipping.', proposedStatus: 'RED' });
    assert.equal(
      statusRow((await lead.get(path)).body),
      'Green; Red proposed, awaiting confirmation',
    );
    // Turned off again, the next proposal takes effect at once.
    await manager.submit(settings, { confirmStatuses: 'no' }, `${settings}/confirmation`);
    await manager.submit(path, { status: 'GREEN' }, `${path}/status`);
    assert.equal(statusRow((await manager.get(path)).body), 'Green');
  });
});

describe('the action page', () => {
  test('names an action without a reference by its place, never by its id', async () => {
    const manager = await signedIn(MANAGER);
    const page = await manager.get(`/plans/${planId}/actions/a2`);
    assert.match(page.body, /<h1 class="govuk-heading-l">Recommendation 1, action 2<\/h1>/);
    assert.doesNotMatch(page.body.replace(/href="[^"]*"/g, ''), /\ba2\b/);
  });

  test('shows “Change this action” to the plan manager only, and the newest update first', async () => {
    const path = `/plans/${planId}/actions/a2`;
    app.clock.set('2026-06-20T09:00:00Z');
    await (
      await signedIn(LEAD)
    ).submit(`${path}/updates/new`, { text: 'First update.', proposedStatus: 'AMBER' });
    app.clock.set('2026-06-25T09:00:00Z');
    const lead = await signedIn(LEAD);
    await lead.submit(`${path}/updates/new`, { text: 'Second update.', proposedStatus: 'AMBER' });
    const seen = (await lead.get(path)).body;
    assert.doesNotMatch(seen, /Change this action/);
    assert.match(seen, /Give an update/);
    assert.ok(seen.indexOf('Second update.') < seen.indexOf('First update.'), 'newest first');
    assert.match((await (await signedIn(MANAGER)).get(path)).body, /Change this action/);
  });
});

describe('the overview summary', () => {
  test('counts what needs attention, each a link to those actions, and what changed', async () => {
    app.clock.set('2026-06-30T09:00:00Z');
    const manager = await signedIn(MANAGER);
    const page = (await manager.get(`/plans/${planId}`)).body;
    // Both actions were due in March 2026; a1 is now Green (complete), a2 Amber: one is
    // overdue, linked to the filtered list.
    assert.match(page, new RegExp(`href="/plans/${planId}\\?overdue=yes">1 overdue</a>`));
    assert.match(page, /Changes since 30 May 2026/);
    // Since then: the plan was imported (two actions), four updates, and one status change
    // (a1 Amber to Green; a2's updates proposed the Amber it had).
    assert.match(page, /<li>4 new updates<\/li><li>1 status change<\/li><li>2 actions added<\/li>/);
    const since = await manager.get(`/plans/${planId}?since-day=31&since-month=2&since-year=2026`);
    assert.match(since.body, /Enter a real date, like 1 4 2018/);
  });
});
