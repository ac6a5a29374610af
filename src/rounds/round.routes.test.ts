import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A plan manager runs a round in the web app: opens it (with the refusals a person reads),
// sees who has updated per lead, extends the deadline and closes it; actions without an
// update say "No update this round"; an update after the close is told it counts next time.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'improvement@northmoor.gov.uk';
const LEAD = 'cic.head@northmoor.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

function plan() {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, status: string, text: string) => ({
    ...first,
    id,
    ref,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('By December 2026', period),
    status,
  });
  return buildPlanDocument({
    organisation: { slug: 'northmoor', name: 'Northmoor Metropolitan Borough Council' },
    plan: { ...base.plan, title: 'Northmoor improvement plan' },
    actions: [
      action('a1', '2.1', 'Head of Service, CIC', 'AMBER', 'Review every care plan'),
      action('a2', '2.2', 'Head of Service, CIC', 'RED', 'Recruit two IROs'),
      action('a3', '2.3', 'QA Manager', 'GREY', 'Start monthly themed audits'),
      action('a4', '2.4', 'QA Manager', 'BLUE', 'Publish the QA framework'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  app = await testContext();
  app.clock.set('2026-04-02T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan()),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Priya Shah', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: LEAD, name: 'Tom Okafor', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Head of Service, CIC'],
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const rounds = () => `/plans/${planId}/rounds`;

describe('running a round in the web app', () => {
  let roundHref = '';

  test('the form offers every action not complete, already chosen', async () => {
    const manager = await signedIn(MANAGER);
    const list = await manager.get(rounds());
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /No round has been opened yet/);
    const form = await manager.get(`${rounds()}/new`);
    assert.match(form.body, /name="name"[^>]*value="April 2026 update"/);
    const checkedIds = [...form.body.matchAll(/value="(a\d)"\s+checked/g)].map((m) => m[1]);
    assert.deepEqual(checkedIds, ['a1', 'a2', 'a3']);
  });

  test('a deadline in the past or not a date is refused, with the error summary', async () => {
    const manager = await signedIn(MANAGER);
    const past = await manager.submit(`${rounds()}/new`, {
      name: 'April 2026 update',
      'deadline-day': '31',
      'deadline-month': '3',
      'deadline-year': '2026',
      actions: ['a1', 'a2'],
    });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /govuk-error-summary/);
    assert.match(
      past.body,
      /href="#deadline-day">The deadline must be today or later: 31 March 2026 has passed/,
    );
    // What was typed and chosen is kept.
    assert.match(past.body, /value="a1"\s+checked/);
    assert.doesNotMatch(past.body, /value="a3"\s+checked/);
    const unreal = await manager.submit(`${rounds()}/new`, {
      name: 'April 2026 update',
      'deadline-day': '31',
      'deadline-month': '4',
      'deadline-year': '2026',
      actions: 'a1',
    });
    assert.equal(unreal.statusCode, 400);
    assert.match(unreal.body, /Enter the deadline as a real date, like 19 4 2026/);
    const none = await manager.submit(`${rounds()}/new`, {
      name: 'April 2026 update',
      'deadline-day': '20',
      'deadline-month': '4',
      'deadline-year': '2026',
    });
    assert.match(none.body, /href="#actions">Choose at least one action for the round/);
    assert.match(text((await manager.get(rounds())).body), /No round has been opened yet/);
  });

  test('opens a round; its page counts who has updated, per lead', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await manager.submit(`${rounds()}/new`, {
      name: 'April 2026 update, for the Improvement Board on 28 April',
      'deadline-day': '20',
      'deadline-month': '4',
      'deadline-year': '2026',
      actions: ['a1', 'a2', 'a3'],
    });
    assert.equal(sent.statusCode, 303);
    const list = await manager.get(rounds());
    assert.match(text(list.body), /The update round is open/);
    assert.doesNotMatch(list.body, /Open an update round/);
    roundHref = /href="(\/plans\/[^"]+\/rounds\/[0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    assert.ok(roundHref);
    const page = text((await manager.get(roundHref)).body);
    assert.match(page, /Deadline for leads 20 April 2026/);
    assert.match(page, /Updated 0 of 3 actions/);
    assert.match(page, /Head of Service, CIC 2 0 Action 2\.1 , Action 2\.2/);
    assert.match(page, /QA Manager 1 0 Action 2\.3/);
  });

  test('a lead’s update counts in the round; the others say "No update this round"', async () => {
    const lead = await signedIn(LEAD);
    const form = await lead.get(`/plans/${planId}/actions/a1/updates/new`);
    assert.match(
      text(form.body),
      /Your update counts in ‘April 2026 update, for the Improvement Board on 28 April’ \(leads’ deadline 20 April 2026\)/,
    );
    const sent = await lead.submit(`/plans/${planId}/actions/a1/updates/new`, {
      text: 'Forty care plans reviewed; twelve rewritten.',
      proposedStatus: 'AMBER',
    });
    assert.equal(sent.statusCode, 303);
    const manager = await signedIn(MANAGER);
    const page = text((await manager.get(roundHref)).body);
    assert.match(page, /Updated 1 of 3 actions/);
    assert.match(page, /Head of Service, CIC 2 1 Action 2\.2/);
    assert.match(page, /Action 2\.1 Head of Service, CIC 2 April 2026, Tom Okafor/);
    const overview = await manager.get(`/plans/${planId}`);
    const rows = [...overview.body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) => text(m[1] ?? ''))
      .filter((r) => /\b2\.\d\b/.test(r));
    const missing = rows
      .filter((r) => r.includes('No update this round'))
      .map((r) => r.trim().slice(0, 3));
    assert.deepEqual(missing, ['2.2', '2.3']);
    const filtered = text((await manager.get(`/plans/${planId}?noUpdate=yes`)).body);
    assert.match(filtered, /Recruit two IROs/);
    assert.doesNotMatch(filtered, /Review every care plan|Publish the QA framework/);
    assert.match(
      text((await manager.get(`/plans/${planId}/actions/a2`)).body),
      /No update this round April 2026 update, for the Improvement Board on 28 April: leads’ deadline 20 April 2026/,
    );
    assert.match(
      text((await manager.get(`/plans/${planId}/actions/a1`)).body),
      /Updated this round/,
    );
    // Not in the round: nothing said.
    assert.doesNotMatch(
      text((await manager.get(`/plans/${planId}/actions/a4`)).body),
      /this round/,
    );
  });

  test('a second round for April is refused while this one is open', async () => {
    const manager = await signedIn(MANAGER);
    const again = await manager.submit(`${rounds()}/new`, {
      name: 'Another April round',
      'deadline-day': '29',
      'deadline-month': '4',
      'deadline-year': '2026',
      actions: 'a1',
    });
    assert.equal(again.statusCode, 400);
    assert.match(
      text(again.body),
      /There is already a round for April 2026 \(‘April 2026 update, for the Improvement Board on 28 April’\)\. Extend its deadline, or choose a deadline in another month/,
    );
    const may = await manager.submit(`${rounds()}/new`, {
      name: 'May 2026 update',
      'deadline-day': '19',
      'deadline-month': '5',
      'deadline-year': '2026',
      actions: 'a1',
    });
    assert.match(
      text(may.body),
      /‘April 2026 update, for the Improvement Board on 28 April’ is still open\. Close it before opening another round/,
    );
  });

  test('the deadline is extended, only to a later day', async () => {
    const manager = await signedIn(MANAGER);
    const earlier = await manager.submit(
      roundHref,
      { 'deadline-day': '18', 'deadline-month': '4', 'deadline-year': '2026' },
      `${roundHref}/deadline`,
    );
    assert.equal(earlier.statusCode, 400);
    assert.match(
      earlier.body,
      /href="#deadline-day">The new deadline must be later than the current one, 20 April 2026/,
    );
    const later = await manager.submit(
      roundHref,
      { 'deadline-day': '24', 'deadline-month': '4', 'deadline-year': '2026' },
      `${roundHref}/deadline`,
    );
    assert.equal(later.statusCode, 303);
    const page = text((await manager.get(roundHref)).body);
    assert.match(page, /The round’s deadline has been extended/);
    assert.match(page, /Deadline for leads 24 April 2026/);
  });

  test('after the round closes, an update is told it counts towards the next round', async () => {
    app.clock.set('2026-04-25T16:00:00Z');
    const manager = await signedIn(MANAGER);
    const closed = await manager.submit(roundHref, {}, `${roundHref}/close`);
    assert.equal(closed.statusCode, 303);
    const page = text((await manager.get(roundHref)).body);
    assert.match(page, /The update round is closed/);
    assert.match(page, /State Closed on 25 April 2026/);
    assert.doesNotMatch(page, /Extend the deadline/);
    const twice = await manager.post(`${roundHref}/close`, {
      _csrf: manager.csrf((await manager.get(`${rounds()}/new`)).body),
    });
    assert.equal(twice.statusCode, 400);
    assert.match(text(twice.body), /has already been closed/);
    assert.doesNotMatch(text((await manager.get(`/plans/${planId}`)).body), /No update this round/);
    const lead = await signedIn(LEAD);
    const form = text((await lead.get(`/plans/${planId}/actions/a2/updates/new`)).body);
    assert.match(
      form,
      /‘April 2026 update, for the Improvement Board on 28 April’ closed on 25 April 2026\. An update you give now counts towards the next round\./,
    );
    const sent = await lead.submit(`/plans/${planId}/actions/a2/updates/new`, {
      text: 'One IRO starts in May.',
      proposedStatus: 'AMBER',
    });
    assert.equal(sent.statusCode, 303);
    const action = text((await lead.get(`/plans/${planId}/actions/a2`)).body);
    assert.match(action, /The last update round has closed, so it counts towards the next round/);
  });
});
