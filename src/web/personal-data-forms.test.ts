import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from './server.js';

// The personal-data guard on the free-text fields that are not read through readForm: the
// figures page's source, the people forms (a person's name, the lead titles they answer for)
// and a board pack's meeting and narrative. Each refusal says what was found, on its field,
// and nothing is saved.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
let councilId = '';
const logged: string[] = [];
const PASSWORD = 'a long enough password';
const MANAGER = 'pat.manager@testshire.gov.uk';
const ADMIN = 'alex.admin@testshire.gov.uk';
const LEAD = 'jo.lead@testshire.gov.uk';
/** A valid NHS number (its check digit is right), as people write it. */
const NHS = '943 476 5919';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');

before(async () => {
  app = await testContext({ mailer: createMailer(loadConfig({}), (l) => logged.push(l)) });
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        boards: [{ name: 'Improvement Board', cadence: 'Monthly', chair: 'Chief Executive' }],
      }),
    ),
  );
  councilId = await councilOf(app, planId);
  const person = (email: string, name: string) => ({ email, name, password: PASSWORD });
  await addMember(app, person(MANAGER, 'Pat Manager'), councilId, { role: 'plan-manager' });
  await addMember(app, person(ADMIN, 'Alex Admin'), councilId, { role: 'administrator' });
  await addMember(app, person(LEAD, 'Jo Lead'), councilId, {
    role: 'action-lead',
    leadNames: ['Head of Early Help'],
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);

describe('the personal-data guard on every form people type into', () => {
  test('the figures page refuses a source holding an NHS number, and saves no figure', async () => {
    const manager = await signedIn(MANAGER);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    const measure = doc.measures[0];
    assert.ok(measure);
    const before = doc.measureValues.length;
    const sent = await manager.submit(`/plans/${planId}/figures`, {
      period: 'May 2026',
      [`v-${measure.id}`]: '72',
      source: `Mosaic report for the child with NHS number ${NHS}`,
    });
    assert.equal(sent.statusCode, 400);
    assert.match(sent.body, /href="#source"/);
    assert.match(
      text(sent.body),
      /This looks like an NHS number: ‘943 476 5919’\. Plans are read by many people and must not hold a child’s personal details/,
    );
    const after = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.equal(after.measureValues.length, before, 'nothing saved');
  });

  test('inviting someone whose name holds a date of birth is refused; nobody is invited', async () => {
    const admin = await signedIn(ADMIN);
    logged.length = 0;
    const sent = await admin.submit('/councils/testshire/people/invite', {
      email: 'new.person@testshire.gov.uk',
      name: 'Jayden Smith DOB 04/05/2015',
      role: 'viewer',
    });
    assert.equal(sent.statusCode, 400);
    assert.match(sent.body, /href="#name"/);
    assert.match(
      text(sent.body),
      /This looks like a name with a date of birth: ‘DOB 04\/05\/2015’/,
    );
    assert.equal(logged.length, 0, 'no invitation e-mail');
    const user = await app.transaction((trx) =>
      app.services.accounts.findUserByEmail(trx, 'new.person@testshire.gov.uk'),
    );
    assert.equal(user, undefined);
  });

  test('lead titles holding a case number are refused, on invitation and on a change of role', async () => {
    const admin = await signedIn(ADMIN);
    const invited = await admin.submit('/councils/testshire/people/invite', {
      email: 'another.lead@testshire.gov.uk',
      name: 'Another Lead',
      role: 'action-lead',
      leadNames: 'Head of Fostering\nSocial worker for case number 4471923',
    });
    assert.equal(invited.statusCode, 400);
    assert.match(invited.body, /href="#leadNames"/);
    assert.match(
      text(invited.body),
      /This looks like a case or client number: ‘case number 4471923’/,
    );

    const lead = await app.transaction((trx) => app.services.accounts.findUserByEmail(trx, LEAD));
    assert.ok(lead);
    const changed = await admin.submit(
      `/councils/testshire/people/change?person=${lead.id}`,
      { person: lead.id, role: 'action-lead', leadNames: 'Head of Early Help\nMosaic ID 7712345' },
      '/councils/testshire/people/role',
    );
    assert.equal(changed.statusCode, 400);
    assert.match(
      text(changed.body),
      /This looks like a case or client number: ‘Mosaic ID 7712345’/,
    );
    const page = text(
      (await admin.get(`/councils/testshire/people/change?person=${lead.id}`)).body,
    );
    assert.doesNotMatch(page, /Mosaic ID 7712345/, 'the lead titles are as they were');
    assert.match(page, /Head of Early Help/);
  });

  test('a board pack whose narrative holds an NHS number is not published', async () => {
    const manager = await signedIn(MANAGER);
    const pack = `/plans/${planId}/pack?asAt-day=15&asAt-month=6&asAt-year=2026&board=Improvement%20Board`;
    const shown = await manager.get(pack);
    assert.equal(shown.statusCode, 200, text(shown.body).slice(0, 600));
    const sent = await manager.submit(
      pack,
      {
        asAt: '2026-06-15',
        board: 'Improvement Board',
        meeting: 'Improvement Board, 4 June 2026',
        headlines: `Placement found for the child with NHS number ${NHS}.`,
      },
      `/plans/${planId}/packs`,
    );
    assert.equal(sent.statusCode, 400);
    assert.match(sent.body, /href="#headlines"/);
    assert.match(text(sent.body), /This looks like an NHS number: ‘943 476 5919’/);
    const packs = await app.transaction((trx) => app.services.packs.list(trx, planId));
    assert.equal(packs.length, 0, 'nothing published');
  });
});
