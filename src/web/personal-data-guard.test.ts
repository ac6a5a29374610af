import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from './server.js';

// The personal-data guard on the forms people type in: an update and its evidence link, the
// action form, any content kind's form, a round's name. Refused with what was found and why,
// nothing saved; ordinary text with dates, amounts and telephone numbers is saved.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const NHS = 'This looks like an NHS number: ‘943 476 5919’. Plans are read by many people';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'plan-manager',
    },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = () => new WebClient(server).signIn(MANAGER, PASSWORD);
const plan = (path = '') => `/plans/${planId}${path}`;
const unescape = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('the personal data guard', () => {
  test('an update naming a child’s NHS number or date of birth is refused, and nothing is saved', async () => {
    const manager = await signedIn();
    const form = plan('/actions/a1/updates/new');
    const nhs = await manager.submit(form, {
      text: 'Visited the child, NHS 943 476 5919, at home.',
      proposedStatus: 'AMBER',
    });
    assert.equal(nhs.statusCode, 400);
    assert.match(nhs.body, /There is a problem/);
    assert.ok(unescape(nhs.body).includes(`href="#text">${NHS}`));
    const link = await manager.submit(form, {
      text: 'Audit done.',
      proposedStatus: 'AMBER',
      evidenceUrl: 'https://example.org/records/943-476-5919',
    });
    assert.equal(link.statusCode, 400);
    assert.match(
      unescape(link.body),
      /href="#evidenceUrl">This looks like an NHS number: ‘943-476-5919’/,
    );
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.equal(doc.updates.length, 0);
  });

  test('ordinary text with dates, years, money, percentages and telephone numbers is saved', async () => {
    const manager = await signedIn();
    const sent = await manager.submit(plan('/actions/a1/updates/new'), {
      text: 'By 31/03/2026, 85% of 1,234 plans were good; £667,961 spent in 2025/26. Call 0117 903 7940. Case numbers rose 12%.',
      proposedStatus: 'AMBER',
    });
    assert.equal(sent.statusCode, 303);
  });

  test('the action form, a recommendation form and a round’s name are guarded the same way', async () => {
    const manager = await signedIn();
    const edit = plan('/actions/a1/edit');
    const page = await manager.get(edit);
    const action = await manager.submit(edit, {
      text: 'Complete pathway plans for care leavers without a plan',
      outcomes: 'Pathway plan for client no. 445566 agreed',
      due: 'March 2026',
      status: 'AMBER',
      version: manager.field(page.body, 'version'),
    });
    assert.equal(action.statusCode, 400);
    assert.match(
      unescape(action.body),
      /href="#outcomes">This looks like a case or client number: ‘client no\. 445566’/,
    );

    const rec = await manager.submit(plan('/recommendations/new'), {
      ref: '2',
      text: 'Support Leo Jones (date of birth 3 March 2014) into education',
    });
    assert.equal(rec.statusCode, 400);
    assert.match(
      unescape(rec.body),
      /This looks like a name with a date of birth: ‘date of birth 3 March 2014’/,
    );

    const round = await manager.submit(plan('/rounds/new'), {
      name: 'Update for case number 1234567',
      'deadline-day': '30',
      'deadline-month': '6',
      'deadline-year': '2026',
      actions: 'a1',
    });
    assert.equal(round.statusCode, 400);
    assert.match(unescape(round.body), /href="#name">This looks like a case or client number/);

    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.equal(doc.recommendations.length, 1);
    assert.match(doc.actions[0]?.outcomes ?? '', /needs assessment/);
    const rounds = (await manager.get(plan('/rounds'))).body;
    assert.match(rounds, /No round has been opened yet/);
  });
});
