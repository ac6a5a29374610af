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
  test('a change made in the app shows who made it, when, and the field before and after', async () => {
    app.clock.set('2026-06-16T10:30:00Z');
    const manager = await as(people.manager);
    const form = await manager.get(`/plans/${planId}/actions/a1/edit`);
    const saved = await manager.post(`/plans/${planId}/actions/a1/edit`, {
      _csrf: manager.csrf(form.body),
      text: 'Review every care leaver’s pathway plan',
      outcomes: '',
      due: 'March 2027',
      status: '',
    });
    assert.equal(saved.statusCode, 303);
    const page = await manager.get(`/plans/${planId}/audit?entity=action`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /16 June 2026 10:30 UTC/);
    assert.match(page.body, new RegExp(people.manager));
    assert.match(page.body, /Changed action 1\.1/);
    assert.match(
      page.body,
      /<dt[^>]*>Due date<\/dt>\s*<dd[^>]*>Before: [^<]+<br>After: March 2027/,
    );
  });

  test('filters by person and date, and the CSV holds the same changes, formulas defused', async () => {
    const manager = await as(people.manager);
    const byImport = await manager.get(`/plans/${planId}/audit?who=import`);
    assert.match(byImport.body, /Added recommendation/);
    assert.doesNotMatch(byImport.body, new RegExp(people.manager));
    const later = await manager.get(`/plans/${planId}/audit?from=2026-06-16&to=2026-06-16`);
    assert.match(later.body, /1 change,/);
    const csv = await manager.get(`/plans/${planId}/audit.csv?from=2026-06-16`);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(
      String(csv.headers['content-disposition']),
      /attachment; filename="audit-trail.csv"/,
    );
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'at,who,entity,id,change,field,before,after,reason');
    assert.ok(lines.some((l) => l.includes(people.manager) && l.includes(',due,')));
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
    assert.match(csv.body, /^at,who,event,about,details,address\r\n/);
    assert.match(csv.body, /Failed sign-in/);
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
