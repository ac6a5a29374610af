import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Two plan managers decide on the same proposed status from pages read before either saved:
// the second decision must not silently replace the first. It is refused with what the
// other person decided, and the form to apply this person's own decision on top.

const PASSWORD = 'a long enough password';
const ALEX = 'alex@testshire.gov.uk';
const SAM = 'sam@testshire.gov.uk';
const LEAD = 'lead@testshire.gov.uk';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';

before(async () => {
  app = await testContext();
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('import'),
      buildPlanDocument({
        plan: { ...base.plan, confirmStatuses: true },
        actions: [first, { ...first, id: 'a2', ref: '1.2', text: 'Audit pathway plans' }],
      }),
    ),
  );
  const council = await councilOf(app, planId);
  for (const [email, name] of [
    [ALEX, 'Alex Manager'],
    [SAM, 'Sam Manager'],
  ] as const) {
    await addMember(app, { email, name, password: PASSWORD }, council, { role: 'plan-manager' });
  }
  await addMember(app, { email: LEAD, name: 'Service Manager', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Service Manager, Leaving Care'],
  });
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const statusRow = (html: string) =>
  /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*([^<]*?)\s*<\/dd>/.exec(html)?.[1];
/** The decision form's hidden fields on a page: what it read. */
const readAt = (client: WebClient, html: string) => ({
  _csrf: client.csrf(html),
  version: client.field(html, 'version'),
  original: client.field(html, 'original'),
});
const propose = async (actionId: string, status: string, text: string) => {
  const lead = await signedIn(LEAD);
  const sent = await lead.submit(`/plans/${planId}/actions/${actionId}/updates/new`, {
    text,
    proposedStatus: status,
  });
  assert.equal(sent.statusCode, 303);
};
const statusChanges = async (actionId: string) =>
  (
    await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'action', entityId: actionId }),
    )
  ).filter((c) => JSON.stringify(c).includes('proposedStatus'));

describe('deciding a proposed status someone else has decided', () => {
  test('from the action page: refused with what they decided, and re-applied on top', async () => {
    await propose('a1', 'GREEN', 'All care leavers have a plan.');
    const path = `/plans/${planId}/actions/a1`;
    const alex = await signedIn(ALEX);
    const sam = await signedIn(SAM);
    const alexForm = readAt(alex, (await alex.get(path)).body);
    const samForm = readAt(sam, (await sam.get(path)).body);

    const confirmed = await alex.post(`${path}/status`, { ...alexForm, status: 'GREEN' });
    assert.equal(confirmed.statusCode, 303);
    const changesBefore = (await statusChanges('a1')).length;

    const stale = await sam.post(`${path}/status`, { ...samForm, status: 'RED' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.match(stale.body, /Nothing you entered has been saved yet/);
    const cells = [...stale.body.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
    const row = (label: string) => cells.slice(cells.indexOf(label), cells.indexOf(label) + 4);
    assert.deepEqual(row('Status'), ['Status', 'Amber', 'Green', 'Red']);
    assert.deepEqual(row('Proposed status'), [
      'Proposed status',
      'Green',
      'Nothing',
      'You did not change this',
    ]);
    // Nothing of Sam's is saved: Alex's confirmation stands.
    assert.equal(statusRow((await alex.get(path)).body), 'Green');
    assert.equal((await statusChanges('a1')).length, changesBefore);

    // The form again holds Sam's choice at the version saved now; sent, it applies it.
    assert.match(stale.body, /value="RED" checked/);
    assert.match(stale.body, /Nothing is waiting for confirmation now/);
    const again = await sam.post(`${path}/status`, { ...readAt(sam, stale.body), status: 'RED' });
    assert.equal(again.statusCode, 303);
    assert.equal(statusRow((await sam.get(path)).body), 'Red');
  });

  test('from the list of proposals: a confirmation after another’s decision is refused', async () => {
    await propose('a2', 'GREEN', 'Pathway plans audited.');
    const list = `/plans/${planId}/proposals`;
    const alex = await signedIn(ALEX);
    const sam = await signedIn(SAM);
    const alexList = readAt(alex, (await alex.get(list)).body);
    const samList = readAt(sam, (await sam.get(list)).body);
    const decide = `/plans/${planId}/actions/a2/status`;
    const chosen = await alex.post(decide, { ...alexList, status: 'AMBER', from: 'proposals' });
    assert.equal(chosen.statusCode, 303);
    const stale = await sam.post(decide, { ...samList, status: 'GREEN', from: 'proposals' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.equal(statusRow((await alex.get(`/plans/${planId}/actions/a2`)).body), 'Amber');
    // A form that names no version (opened before versions were carried) is refused too
    // once nothing is waiting, rather than laid over the decision.
    const old = await sam.post(decide, { _csrf: samList._csrf, status: 'GREEN' });
    assert.equal(old.statusCode, 409);
    assert.equal(statusRow((await alex.get(`/plans/${planId}/actions/a2`)).body), 'Amber');
  });

  test('a confirmation of a proposal replaced by a newer one is refused', async () => {
    await propose('a2', 'GREEN', 'Nearly there.');
    const path = `/plans/${planId}/actions/a2`;
    const sam = await signedIn(SAM);
    const samForm = readAt(sam, (await sam.get(path)).body);
    await propose('a2', 'RED', 'A setback: two audits failed.');
    const stale = await sam.post(`${path}/status`, { ...samForm, status: 'GREEN' });
    assert.equal(stale.statusCode, 409);
    assert.equal(
      statusRow((await sam.get(path)).body),
      'Amber; Red proposed, awaiting confirmation',
    );
  });
});
