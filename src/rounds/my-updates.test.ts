import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A lead's one page for a round: the actions they answer for (by name or through a role they
// hold), each with status and last update; one form, saved all at once or not at all.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let href: string;
const PASSWORD = 'a long enough password';
const LEAD = 'r.begum@eastvale.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

before(async () => {
  app = await testContext();
  app.clock.set('2026-09-01T08:30:00Z');
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, leads: string[], text: string) => ({
    ...first,
    id,
    ref,
    text,
    leads: leads.map((name) => ({ name, kind: 'role' as const })),
    due: parseFuzzyDate('Quarter 4 2026', period),
    status: 'AMBER',
  });
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'eastvale', name: 'Eastvale Council' },
        actions: [
          action('x1', '3.1', ['Rukhsana Begum'], 'Hold monthly practice weeks'),
          action(
            'x2',
            '3.2',
            ['Head of Early Help', 'Principal Social Worker'],
            'Refresh the threshold guide',
          ),
          action('x3', '3.3', ['Head of Fostering'], 'Recruit twenty foster carers'),
        ],
        updates: [
          {
            id: 'old1',
            actionId: 'x2',
            date: '2026-07-30',
            author: 'Rukhsana Begum',
            text: 'Draft guide shared with partners.',
            proposedStatus: null,
            evidence: [],
          },
        ],
        measures: [],
        measureValues: [],
        risks: [],
        costs: [],
      }),
    ),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: LEAD, name: 'Rukhsana Begum', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Head of Early Help'],
  });
  const round = await app.transaction((trx) =>
    app.services.rounds.open(trx, app.changeBy('manager'), planId, {
      name: 'September 2026 update',
      deadline: '2026-09-18',
    }),
  );
  href = `/plans/${planId}/rounds/${round.id}/my-updates`;
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, '’')
    .replace(/\s+/g, ' ');
const roundUpdates = async () => {
  const round = await app.transaction((trx) => app.services.rounds.current(trx, planId));
  assert.ok(round);
  const { actions } = await app.transaction((trx) =>
    app.services.rounds.progress(trx, planId, round.id),
  );
  return actions.flatMap((a) =>
    a.updates.map((u) => `${a.label}: ${u.text} (${u.proposedStatus})`),
  );
};

describe('your updates for a round', () => {
  test('lists the actions the person leads by name and through a role they hold', async () => {
    const lead = await new WebClient(server).signIn(LEAD, PASSWORD);
    const page = await lead.get(href);
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /Your updates for September 2026 update/);
    assert.match(words, /Give your updates by 18 September 2026/);
    assert.match(words, /You have updated 0 of your 2 actions in this round/);
    assert.match(words, /Action 3\.1 Hold monthly practice weeks/);
    assert.match(words, /Action 3\.2 Refresh the threshold guide/);
    assert.doesNotMatch(words, /Recruit twenty foster carers/);
    assert.match(
      words,
      /Last update 30 July 2026, Rukhsana Begum: Draft guide shared with partners\./,
    );
    assert.match(words, /Last update No updates yet/);
    // The current status is chosen to begin with.
    assert.match(page.body, /name="status-0" type="radio" value="AMBER" checked/);
  });

  test('a problem in one entry saves none, and the summary names the action', async () => {
    const lead = await new WebClient(server).signIn(LEAD, PASSWORD);
    const sent = await lead.submit(href, {
      'text-0': 'Practice week held on 12 August.',
      'status-0': 'GREEN',
      'text-1': '',
      'status-1': 'RED',
    });
    assert.equal(sent.statusCode, 400);
    assert.match(
      sent.body,
      /href="#text-1">Enter what has happened since the last update on Action 3\.2/,
    );
    // What was typed is kept, and nothing was saved.
    assert.match(sent.body, /Practice week held on 12 August\./);
    assert.match(sent.body, /name="status-1" type="radio" value="RED" checked/);
    assert.deepEqual(await roundUpdates(), []);
    const empty = await lead.submit(href, { 'status-0': 'AMBER', 'status-1': 'AMBER' });
    assert.match(empty.body, /href="#text-0">Enter an update for at least one of your actions/);
    const unknown = await lead.submit(href, { 'text-0': 'Done', 'status-0': 'PURPLE' });
    assert.match(unknown.body, /href="#status-0">Choose the status you propose for Action 3\.1/);
    assert.deepEqual(await roundUpdates(), []);
  });

  test('saves every filled-in update at once; the page then shows them as updated', async () => {
    const lead = await new WebClient(server).signIn(LEAD, PASSWORD);
    const sent = await lead.submit(href, {
      'text-0': 'Practice week held on 12 August.',
      'status-0': 'GREEN',
      'text-1': 'Guide agreed by the partnership.',
      'status-1': 'AMBER',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, href);
    const words = text((await lead.get(href)).body);
    assert.match(words, /Your updates have been saved/);
    assert.match(words, /You have updated 2 of your 2 actions in this round/);
    assert.match(words, /This round Updated on 1 September 2026/);
    assert.deepEqual(await roundUpdates(), [
      'Action 3.1: Practice week held on 12 August. (GREEN)',
      'Action 3.2: Guide agreed by the partnership. (AMBER)',
    ]);
  });

  test('a person who leads nothing in the round is told so', async () => {
    const council = await councilOf(app, planId);
    await addMember(
      app,
      { email: 'fostering@eastvale.gov.uk', name: 'Dan Ruiz', password: PASSWORD },
      council,
      {
        role: 'action-lead',
        leadNames: ['Head of Adoption'],
      },
    );
    const other = await new WebClient(server).signIn('fostering@eastvale.gov.uk', PASSWORD);
    assert.match(text((await other.get(href)).body), /You lead none of the actions in this round/);
  });
});
