import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Status rules suggest, people decide: the suggestion beside the lead's proposal where they
// disagree (action page, the manager's confirmation list, the overview's filter, past days),
// and the plan setting that needs evidence before an action is marked complete.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let strictPlanId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const LEAD = 'lead@testshire.gov.uk';

function plan(title: string) {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const period = { start: '2026-01-01', end: '2027-12-31' };
  return buildPlanDocument({
    plan: { ...base.plan, title, confirmStatuses: true },
    actions: [
      { ...first, id: 'a1', due: parseFuzzyDate('31/3/2027', period) },
      {
        ...first,
        id: 'a2',
        ref: '1.2',
        text: 'Audit pathway plans',
        due: parseFuzzyDate('December 2027', period),
      },
    ],
  });
}

before(async () => {
  app = await testContext();
  app.clock.set('2027-05-01T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan('Testshire plan')),
  );
  strictPlanId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan('Evidence plan')),
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
  app.clock.set('2027-05-10T09:00:00Z');
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const ADVICE = 'Proposed Green, but due 31 March 2027 and no completion evidence';

describe('status suggestions', () => {
  test('shown beside a proposal they disagree with, kept with the update, and filtered on the overview', async () => {
    const lead = await signedIn(LEAD);
    const a1 = `/plans/${planId}/actions/a1`;
    const a2 = `/plans/${planId}/actions/a2`;
    assert.doesNotMatch(text((await lead.get(a1)).body), /Proposed Green/);
    await lead.submit(`${a1}/updates/new`, { text: 'All plans written.', proposedStatus: 'GREEN' });
    // Not yet due, a proposal of Green is not questioned.
    await lead.submit(`${a2}/updates/new`, { text: 'Audit under way.', proposedStatus: 'GREEN' });

    const manager = await signedIn(MANAGER);
    const page = text((await manager.get(a1)).body);
    assert.match(page, new RegExp(ADVICE));
    assert.match(page, /The status rules suggest Red \. A plan manager decides/);
    assert.match(page, /The status rules suggested Red when this update was given/);
    assert.doesNotMatch(text((await manager.get(a2)).body), /The status rules suggest [A-Z]/);

    const list = text((await manager.get(`/plans/${planId}/proposals`)).body);
    assert.match(list, new RegExp(`${ADVICE}\\. Suggested: Red`));

    const all = text((await manager.get(`/plans/${planId}`)).body);
    assert.match(all, /Proposed and suggested status disagree/);
    assert.match(all, /Showing 2 of 2 actions/);
    const filtered = text((await manager.get(`/plans/${planId}?disagree=yes`)).body);
    assert.match(filtered, /Showing 1 of 2 actions/);
    assert.match(filtered, new RegExp(ADVICE));

    // The manager confirms Green all the same: the proposal, the suggestion and the decision
    // are all kept.
    const confirmed = await manager.submit(a1, { status: 'GREEN' }, `${a1}/status`);
    assert.equal(confirmed.statusCode, 303);
    const afterwards = text((await manager.get(a1)).body);
    assert.match(afterwards, /The status rules suggested Red when this update was given/);
    assert.match(afterwards, /Changed the status and the proposed status/);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    const update = doc.updates.find((u) => u.actionId === 'a1');
    assert.equal(update?.proposedStatus, 'GREEN');
    assert.equal(update?.suggestedStatus, 'RED');
  });

  test('agree once evidence is given, and a past day shows the disagreement as it was', async () => {
    app.clock.set('2027-05-20T09:00:00Z');
    const lead = await signedIn(LEAD);
    const a1 = `/plans/${planId}/actions/a1`;
    await lead.submit(`${a1}/updates/new`, {
      text: 'Audit report attached.',
      proposedStatus: 'GREEN',
      evidenceUrl: 'https://example.org/audit-report',
    });
    const manager = await signedIn(MANAGER);
    assert.doesNotMatch(text((await manager.get(a1)).body), /The status rules suggest [A-Z]/);
    assert.match(text((await manager.get(`/plans/${planId}?disagree=yes`)).body), /Showing 0 of 2/);
    // On 15 May the evidence had not been given.
    const then = text((await manager.get(`${a1}?asAt=2027-05-15`)).body);
    assert.match(then, new RegExp(ADVICE));
    const overviewThen = text(
      (await manager.get(`/plans/${planId}?asAt=2027-05-15&disagree=yes`)).body,
    );
    assert.match(overviewThen, /Showing 1 of 2 actions/);
    // Before any update there was no proposal to disagree with.
    const earlier = await manager.get(`${a1}?asAt=2027-05-05`);
    assert.equal(earlier.statusCode, 200);
    assert.match(text(earlier.body), /No updates yet/);
    assert.doesNotMatch(text(earlier.body), /Proposed Green/);
  });
});

describe('evidence before an action is marked complete', () => {
  test('a plan manager turns it on, and an update marking complete without evidence is refused', async () => {
    const manager = await signedIn(MANAGER);
    const settings = `/plans/${strictPlanId}/settings`;
    assert.match(
      (await manager.get(settings)).body,
      /Is evidence needed before an action is marked complete/,
    );
    const saved = await manager.submit(
      settings,
      { confirmStatuses: 'no', evidenceBeforeComplete: 'yes' },
      `${settings}/confirmation`,
    );
    assert.equal(saved.statusCode, 303);
    const bad = await manager.submit(
      settings,
      { confirmStatuses: 'no', evidenceBeforeComplete: 'maybe' },
      `${settings}/confirmation`,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose whether evidence is needed before an action is marked complete/);

    const lead = await signedIn(LEAD);
    const a2 = `/plans/${strictPlanId}/actions/a2`;
    const refused = await lead.submit(`${a2}/updates/new`, {
      text: 'Done.',
      proposedStatus: 'BLUE',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is a problem/);
    assert.match(
      refused.body,
      /href="#evidenceUrl">Give a link or attach a file as evidence: this plan needs evidence before an action is marked Blue/,
    );
    assert.match(text((await lead.get(a2)).body), /No updates yet/);
    // Green is complete in this scheme too; Amber needs no evidence.
    const green = await lead.submit(`${a2}/updates/new`, {
      text: 'Done.',
      proposedStatus: 'GREEN',
    });
    assert.equal(green.statusCode, 400);
    const amber = await lead.submit(`${a2}/updates/new`, {
      text: 'Nearly.',
      proposedStatus: 'AMBER',
    });
    assert.equal(amber.statusCode, 303);
    const done = await lead.submit(`${a2}/updates/new`, {
      text: 'Done.',
      proposedStatus: 'BLUE',
      evidenceUrl: 'https://example.org/evidence',
    });
    assert.equal(done.statusCode, 303);
    assert.match(text((await lead.get(a2)).body), /Status Blue/);
  });
});
