import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
const PASSWORD = 'a long enough password';
const period = { start: '2026-01-01', end: '2027-12-31' };

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const doc = buildPlanDocument();
  const base = doc.actions[0]!;
  const action = (id: string, ref: string, text: string, due: string, lead: string) => ({
    ...base,
    id,
    ref,
    text,
    due: parseFuzzyDate(due, period),
    leads: [{ name: lead, kind: 'person' as const }],
  });
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), {
      ...doc,
      actions: [
        action('a1', '1.1', 'Audit pathway plans', 'March 2026', 'Jean Pollard'),
        action('a2', '1.2', 'Train personal advisers', '30 June 2026', 'Jean Pollard'),
        action('a3', '1.3', 'Publish the local offer', 'December 2026', 'Jean Pollard'),
        action('a4', '1.4', 'Recruit two advisers', 'March 2026', 'Someone Else'),
      ],
      updates: [
        {
          id: 'u1',
          actionId: 'a3',
          date: '2026-06-02',
          author: 'Jean Pollard',
          text: 'Draft offer shared with young people',
          proposedStatus: null,
          evidence: [],
        },
      ],
    }),
  );
  const council = await councilOf(app, planId);
  await addMember(
    app,
    { email: 'jean@testshire.gov.uk', name: 'Jean Pollard', password: PASSWORD },
    council,
    {
      role: 'action-lead',
    },
  );
  await addMember(
    app,
    { email: 'pm@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD },
    council,
    {
      role: 'plan-manager',
    },
  );
  await app.transaction((trx) =>
    app.services.accounts.addUser(trx, {
      email: 'new@testshire.gov.uk',
      name: 'New Person',
      password: PASSWORD,
    }),
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

/** The rows of the table with this id; fails when the page has no such table. */
function section(html: string, id: string): string {
  const table = new RegExp(`<table class="govuk-table" id="${id}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `the page has no table "${id}"`);
  return table[1] ?? '';
}

describe('home', () => {
  test('an action lead sees their overdue, due-soon and not-yet-updated actions, and only theirs', async () => {
    const lead = new WebClient(server);
    await lead.signIn('jean@testshire.gov.uk', PASSWORD);
    const page = await lead.get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /You lead 3 actions/);
    assert.match(section(page.body, 'overdue'), /Audit pathway plans/);
    assert.doesNotMatch(section(page.body, 'overdue'), /Train personal advisers/);
    assert.match(section(page.body, 'due-soon'), /Train personal advisers/);
    const awaiting = section(page.body, 'awaiting');
    assert.match(awaiting, /Audit pathway plans/);
    assert.doesNotMatch(awaiting, /Publish the local offer/, 'updated this month');
    assert.doesNotMatch(page.body, /Recruit two advisers/, 'someone else’s action');
    assert.match(awaiting, /href="\/plans\/[^/]+\/actions\/a1\/updates\/new"/);
  });

  test('a plan manager sees the plan with its status counts in words and what needs attention', async () => {
    const manager = new WebClient(server);
    await manager.signIn('pm@testshire.gov.uk', PASSWORD);
    const page = await manager.get('/');
    assert.doesNotMatch(page.body, /Your actions/);
    assert.match(page.body, /Testshire Children’s Services Improvement Plan/);
    assert.match(page.body, /Amber 4/);
    assert.match(page.body, /2 overdue/);
    assert.match(
      page.body,
      /href="\/plans\/[^"]+\?noUpdate=yes">3 of 4 without an update for June 2026<\/a>/,
    );
    assert.match(page.body, /Plan manager/);
  });

  test('someone with no role yet is told to ask for access, and sees no plan', async () => {
    const person = new WebClient(server);
    await person.signIn('new@testshire.gov.uk', PASSWORD);
    const page = await person.get('/');
    assert.match(page.body, /not been given access to any plan yet/);
    assert.doesNotMatch(page.body, /Testshire Children’s Services/);
    assert.doesNotMatch((await person.get('/plans')).body, /Testshire Children’s Services/);
  });

  test('signed out, home sends you to sign in', async () => {
    const response = await server.inject({ method: 'GET', url: '/' });
    assert.equal(response.headers.location, '/sign-in');
  });
});
