import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let otherPlanId: string;
const PASSWORD = 'a long enough password';
const people = {
  admin: 'admin@testshire.gov.uk',
  manager: 'manager@testshire.gov.uk',
  lead: 'lead@testshire.gov.uk',
  elsewhere: 'admin@otherton.gov.uk',
};

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  otherPlanId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('import'),
      buildPlanDocument({ organisation: { slug: 'otherton', name: 'Otherton Council' } }),
    ),
  );
  const council = await councilOf(app, planId);
  await addMember(
    app,
    { email: people.admin, name: 'Council Admin', password: PASSWORD },
    council,
    {
      role: 'administrator',
    },
  );
  await addMember(
    app,
    { email: people.manager, name: 'Plan Manager', password: PASSWORD },
    council,
    {
      role: 'plan-manager',
    },
  );
  await addMember(app, { email: people.lead, name: 'Action Lead', password: PASSWORD }, council, {
    role: 'action-lead',
  });
  await addMember(
    app,
    { email: people.elsewhere, name: 'Other Admin', password: PASSWORD },
    await councilOf(app, otherPlanId),
    { role: 'administrator' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

async function as(email: string) {
  const client = new WebClient(server);
  await client.signIn(email, PASSWORD);
  return client;
}

describe('a plan’s audit trail', () => {
  test('a change made in the app shows who made it, when, and the change as a sentence', async () => {
    app.clock.set('2026-06-16T10:30:00Z');
    const manager = await as(people.manager);
    const form = await manager.get(`/plans/${planId}/actions/a1/edit`);
    const saved = await manager.post(`/plans/${planId}/actions/a1/edit`, {
      _csrf: manager.csrf(form.body),
      text: 'Review every care leaver’s pathway plan',
      outcomes: '',
      due: 'March 2027',
      dueReason: 'A year later than planned',
      status: '',
    });
    assert.equal(saved.statusCode, 303);
    const page = await manager.get(`/plans/${planId}/audit?entity=action`);
    assert.equal(page.statusCode, 200);
    // Dates and times in words (lib/format.ts), never "2026-06-16" or "10:30 UTC".
    assert.match(page.body, /16 June 2026 at 10:30am/);
    assert.doesNotMatch(page.body, /UTC/);
    assert.match(page.body, new RegExp(people.manager));
    assert.match(page.body, /Changed action 1\.1/);
    // Was a "Due date / Before: … After: …" list; now one sentence per changed field.
    assert.match(page.body, /Changed the due date from ‘March 2026’ to ‘March 2027’\./);
    assert.match(
      page.body,
      /Changed the text from ‘Complete pathway plans for care leavers without a plan’ to ‘Review every care leaver’s pathway plan’\./,
    );
    assert.match(
      page.body,
      /Cleared the outcomes, which was ‘Care leavers have a needs assessment/,
    );
  });

  test('filters by person and date (GOV.UK date inputs), and the CSV holds the same changes in words', async () => {
    const manager = await as(people.manager);
    const byImport = await manager.get(`/plans/${planId}/audit?who=import`);
    assert.match(byImport.body, /Added recommendation 1/);
    assert.doesNotMatch(byImport.body, new RegExp(people.manager));
    const later = await manager.get(
      `/plans/${planId}/audit?from-day=16&from-month=6&from-year=2026&to-day=16&to-month=6&to-year=2026`,
    );
    assert.equal(later.statusCode, 200);
    assert.match(later.body, /1 change, newest first/);
    assert.match(later.body, /name="from-day" type="text" value="16"/);
    assert.doesNotMatch(later.body, /type="date"/);
    // A link may still carry the date as one value.
    assert.match((await manager.get(`/plans/${planId}/audit?from=2026-06-16`)).body, /1 change,/);
    const csv = await manager.get(`/plans/${planId}/audit.csv?from=2026-06-16`);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(
      String(csv.headers['content-disposition']),
      /attachment; filename="audit-trail.csv"/,
    );
    const lines = csv.body.trim().split('\r\n');
    // Columns for machines (ISO moment, kind and field names); values for people.
    assert.equal(lines[0], 'at,when,who,kind,item,change,field,before,after,reason');
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith('2026-06-16T10:30:00.000Z,16 June 2026 at 10:30am,') &&
          l.includes(`${people.manager},action,Action 1.1,Changed,due,March 2026,March 2027`),
      ),
      csv.body,
    );
  });

  test('a date that does not exist is explained, with the date input kept as typed', async () => {
    const manager = await as(people.manager);
    const page = await manager.get(
      `/plans/${planId}/audit?from-day=31&from-month=2&from-year=2026`,
    );
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /There is a problem/);
    assert.match(
      page.body,
      /href="#from-day">The from date must be a real date, for example 16 6 2026/,
    );
    assert.match(
      page.body,
      /govuk-input--error" id="from-day" name="from-day" type="text" value="31"/,
    );
    assert.match(page.body, /Correct the dates to see the changes/);
    const noYear = await manager.get(`/plans/${planId}/audit?to-day=3&to-month=6`);
    assert.match(noYear.body, /The to date must include a year/);
    const backwards = await manager.get(`/plans/${planId}/audit?from=2026-06-16&to=2026-06-01`);
    assert.match(backwards.body, /The to date must be the same as or after the from date/);
  });

  test('things are named by their reference or place, updates by action and date, evidence as links', async () => {
    app.clock.set('2026-06-17T14:05:00Z');
    const by = app.changeBy(people.manager);
    const unnamed = await app.transaction((trx) =>
      app.services.content.add(trx, by, planId, 'action', {
        recommendationId: 'r1',
        themeId: null,
        ref: null,
        text: 'Hold a monthly pathway plan clinic',
        outcomes: null,
        leads: [],
        due: 'End June 2026',
        status: null,
        evidence: null,
      }),
    );
    await app.transaction((trx) =>
      app.services.content.update(trx, by, planId, 'action', unnamed.id, { due: 'Autumn 2026' }),
    );
    const update = await app.transaction((trx) =>
      app.services.content.add(trx, by, planId, 'update', {
        actionId: unnamed.id,
        date: '2026-06-17',
        author: 'Plan Manager',
        text: 'The first clinic was held.',
        proposedStatus: 'AMBER',
        evidence: [
          { kind: 'link', title: 'Clinic notes', url: 'https://files.testshire.gov.uk/clinic.pdf' },
        ],
      }),
    );
    await app.transaction((trx) =>
      app.services.content.update(trx, by, planId, 'update', update.id, {
        evidence: [
          { kind: 'link', title: 'Clinic notes', url: 'https://files.testshire.gov.uk/clinic.pdf' },
          { kind: 'link', title: 'Attendance', url: 'javascript:alert(1)' },
        ],
      }),
    );
    const manager = await as(people.manager);
    const page = await manager.get(
      `/plans/${planId}/audit?from-day=17&from-month=6&from-year=2026`,
    );
    const table = page.body.slice(page.body.indexOf('<table'), page.body.indexOf('</table>'));
    assert.match(table, /4 changes, newest first/);
    assert.match(table, /17 June 2026 at 2:05pm/);
    assert.match(
      table,
      /Changed recommendation 1, action 2<\/a>[\s\S]*Changed the due date from ‘End June 2026’ to ‘Autumn 2026’\./,
    );
    assert.match(table, /Added recommendation 1, action 2</);
    assert.match(table, /Added the update of 17 June 2026 on recommendation 1, action 2</);
    assert.match(table, /<dt>Action<\/dt><dd>Recommendation 1, action 2<\/dd>/);
    assert.match(table, /<dt>Proposed status<\/dt><dd>Amber<\/dd>/);
    assert.match(
      table,
      /<dd><a class="govuk-link" href="https:\/\/files\.testshire\.gov\.uk\/clinic\.pdf">Clinic notes<\/a><\/dd>/,
    );
    // An address that is not a web address is shown as its title, never as a link.
    assert.match(table, /Added evidence: Attendance\./);
    assert.doesNotMatch(table, /javascript:/);
    // No internal ids, raw JSON or ISO dates in what the trail says (ids stay in link addresses).
    const said = table.replace(/<[^>]*>/g, ' ');
    for (const id of [unnamed.id, update.id]) assert.ok(!said.includes(id), `${id} shown`);
    assert.doesNotMatch(said, /\{&quot;|&quot;:|\[\{|\bnull\b/);
    assert.doesNotMatch(said, /\d{4}-\d{2}-\d{2}/);
    // The item filter names the thing too.
    const one = await manager.get(`/plans/${planId}/audit?item=${unnamed.id}`);
    assert.match(one.body, /Showing only the changes to recommendation 1, action 2\./);
  });

  test('a long trail is shown 50 changes a page, with GOV.UK pagination keeping the filter', async () => {
    const longPlan = await app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('import'),
        buildPlanDocument({
          plan: { ...buildPlanDocument().plan, title: 'Testshire long plan' },
        }),
      ),
    );
    await app.transaction(async (trx) => {
      for (let i = 1; i <= 55; i++) {
        await app.services.content.add(trx, app.changeBy('import'), longPlan, 'section', {
          ref: `S${i}`,
          title: `Section ${i}`,
          category: null,
        });
      }
    });
    const manager = await as(people.manager);
    const first = await manager.get(`/plans/${longPlan}/audit?who=import`);
    assert.match(first.body, /Changes 1 to 50, newest first/);
    assert.equal(first.body.match(/<tr class="govuk-table__row">/g)?.length, 51);
    assert.match(
      first.body,
      /<nav class="govuk-pagination" aria-label="Pages of the audit trail">/,
    );
    assert.match(first.body, /href="\/plans\/[^"]+\/audit\?who=import&amp;page=2"[^>]*rel="next"/);
    assert.match(first.body, /Added section S55/);
    assert.doesNotMatch(first.body, /Added section S5</);
    const second = await manager.get(`/plans/${longPlan}/audit?who=import&page=2`);
    assert.match(second.body, /Changes 51 to /);
    assert.match(second.body, /Added section S5</);
    assert.match(second.body, /rel="prev"/);
    assert.doesNotMatch(second.body, /rel="next"/);
    // A short list has no pagination at all.
    const short = await manager.get(`/plans/${longPlan}/audit?entity=recommendation`);
    assert.doesNotMatch(short.body, /govuk-pagination/);
  });

  test('downloading is itself recorded in the council’s access log', async () => {
    const admin = await as(people.admin);
    await admin.get(`/plans/${planId}/audit.csv`);
    const log = await admin.get('/councils/testshire/audit?kind=export');
    assert.equal(log.statusCode, 200);
    assert.match(log.body, /Exported/);
    assert.match(log.body, /plan audit trail \(CSV\)/);
  });

  test('the plan overview links to it for those who may read it, and only for them', async () => {
    const manager = await as(people.manager);
    assert.match(
      (await manager.get(`/plans/${planId}`)).body,
      /href="\/plans\/[^"]+\/audit">Audit trail</,
    );
    const lead = await as(people.lead);
    const page = (await lead.get(`/plans/${planId}`)).body;
    assert.doesNotMatch(page, /Audit trail/);
    assert.doesNotMatch(page, /Change the plan/);
    assert.match(page, /Download the plan \(JSON\)/);
  });

  test('an action lead cannot read it; another council cannot learn the plan exists', async () => {
    const lead = await as(people.lead);
    assert.equal((await lead.get(`/plans/${planId}/audit`)).statusCode, 403);
    assert.equal((await lead.get(`/plans/${planId}/audit.csv`)).statusCode, 403);
    const elsewhere = await as(people.elsewhere);
    assert.equal((await elsewhere.get(`/plans/${planId}/audit`)).statusCode, 404);
    assert.equal((await elsewhere.get(`/plans/${planId}/export.json`)).statusCode, 404);
  });
});

describe('a council’s access log', () => {
  test('shows sign-ins, failed sign-ins and role changes of its people, and nobody else’s', async () => {
    const failed = new WebClient(server);
    const form = await failed.get('/sign-in');
    await failed.post('/sign-in', {
      _csrf: failed.csrf(form.body),
      email: people.lead,
      password: 'not the password',
    });
    await as(people.elsewhere);
    const admin = await as(people.admin);
    const log = await admin.get('/councils/testshire/audit');
    assert.equal(log.statusCode, 200);
    assert.match(log.body, /Failed sign-in/);
    assert.match(log.body, new RegExp(`${people.lead}`));
    assert.match(log.body, /Role given: lead@testshire\.gov\.uk/);
    assert.doesNotMatch(log.body, /otherton/);
    const onlyLead = await admin.get(
      `/councils/testshire/audit?who=${encodeURIComponent(people.lead)}`,
    );
    assert.doesNotMatch(onlyLead.body, new RegExp(people.manager));
    const csv = await admin.get('/councils/testshire/audit.csv?kind=sign-in-failed');
    // A "when" column in words beside the ISO moment (the header was at,who,event,…).
    assert.match(csv.body, /^at,when,who,event,about,details,address\r\n/);
    assert.match(csv.body, /Failed sign-in/);
  });

  test('details are facts in words: roles by name, dates in words, empty ones left out', async () => {
    const council = await councilOf(app, planId);
    await addMember(
      app,
      { email: 'adviser@dfe.gov.uk', name: 'DfE Adviser', password: PASSWORD },
      council,
      { role: 'adviser', planId, expiresAt: '2026-12-31T17:00:00Z' },
    );
    const admin = await as(people.admin);
    await admin.get(`/plans/${planId}/audit.csv?who=import&from=2026-06-01`);
    const log = await admin.get('/councils/testshire/audit');
    const table = log.body.slice(log.body.indexOf('<table'), log.body.indexOf('</table>'));
    const said = table.replace(/<[^>]*>/g, ' ');
    assert.match(said, /Role given: lead@testshire\.gov\.uk\s+Role: Action lead/);
    assert.match(
      said,
      /Role given: adviser@dfe\.gov\.uk\s+Role: External adviser\s+Access ends: 31 December 2026 at 5:00pm\s+Plan: Testshire Children’s Services Improvement Plan/,
    );
    assert.match(
      said,
      /Exported\s+What: plan audit trail \(CSV\)\s+Only changes by import, from 1 June 2026/,
    );
    assert.match(said, /Signed in\s+How: password/);
    // Was "expiresAt: -", "role: action-lead", "filter: {…}".
    assert.doesNotMatch(said, /expiresAt|action-lead|[{}]|—|\bnull\b|\d{4}-\d{2}-\d{2}|UTC/);
  });

  test('a long log is shown 50 events a page, with GOV.UK pagination keeping the filter', async () => {
    const council = await councilOf(app, planId);
    const lead = await app.transaction((trx) =>
      app.services.accounts.findUserByEmail(trx, people.lead),
    );
    await app.transaction(async (trx) => {
      for (let i = 0; i < 55; i++) {
        await app.services.access.audit(trx, `2026-06-18T08:${String(i).padStart(2, '0')}:00Z`, {
          kind: 'sign-in',
          userId: lead?.id,
          email: people.lead,
          organisationId: council,
          address: '10.0.0.1',
          detail: { method: 'password' },
        });
      }
    });
    const admin = await as(people.admin);
    const first = await admin.get('/councils/testshire/audit?kind=sign-in');
    assert.match(first.body, /Events 1 to 50, newest first/);
    assert.equal(first.body.match(/<tr class="govuk-table__row">/g)?.length, 51);
    assert.match(first.body, /aria-label="Pages of the access log"/);
    assert.match(
      first.body,
      /href="\/councils\/testshire\/audit\?kind=sign-in&amp;page=2"[^>]*rel="next"/,
    );
    assert.match(first.body, /18 June 2026 at 8:54am/);
    const second = await admin.get('/councils/testshire/audit?kind=sign-in&page=2');
    assert.match(second.body, /Events 51 to /);
    assert.match(second.body, /rel="prev"/);
    assert.doesNotMatch(second.body, /18 June 2026 at 8:54am/);
  });

  test('only the council’s administrators see it', async () => {
    const manager = await as(people.manager);
    assert.equal((await manager.get('/councils/testshire/audit')).statusCode, 403);
    const elsewhere = await as(people.elsewhere);
    assert.equal((await elsewhere.get('/councils/testshire/audit')).statusCode, 404);
    assert.equal((await elsewhere.get('/councils/testshire/audit.csv')).statusCode, 404);
  });
});

describe('exporting a plan', () => {
  test('any member can download the plan in the interchange format; the export is logged', async () => {
    const lead = await as(people.lead);
    const response = await lead.get(`/plans/${planId}/export.json`);
    assert.equal(response.statusCode, 200);
    const doc = JSON.parse(response.body) as { format: string; plan: { title: string } };
    assert.equal(doc.format, 'g2g-plan');
    const events = await app.transaction((trx) =>
      app.services.access.listAudit(trx, { kind: 'export' }),
    );
    assert.ok(
      events.some((e) => e.planId === planId && e.detail.what === 'plan (interchange JSON)'),
    );
  });
});
