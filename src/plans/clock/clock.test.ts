import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// The statutory clock in the web app: a plan manager records the day the report was
// received, whether a priority-action draft is due and the stages reached; while the plan is
// being written its overview shows the deadlines (70 and 20 working days, bank holidays
// excluded), the working days left and the stages. Bad dates are refused, nothing saved.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
let noInspection = '';
const PASSWORD = 'a long enough password';
const MANAGER = 'plans@westmere.gov.uk';
const VIEWER = 'councillor@westmere.gov.uk';

function importPlan(title: string, withInspection: boolean) {
  const base = buildPlanDocument();
  const inspection = base.inspection;
  assert.ok(inspection);
  return app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'westmere', name: 'Westmere Council' },
        plan: { ...base.plan, title, status: 'draft' },
        inspection: withInspection ? { ...inspection, publishedOn: null, receivedOn: null } : null,
      }),
    ),
  );
}

before(async () => {
  app = await testContext();
  app.clock.set('2022-05-10T09:00:00Z');
  planId = await importPlan('Westmere statement of action', true);
  noInspection = await importPlan('Westmere plan with no inspection recorded', false);
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Ana Lopes', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: VIEWER, name: 'Cllr Reid', password: PASSWORD }, council, {
    role: 'viewer',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email = MANAGER) => new WebClient(server).signIn(email, PASSWORD);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const clockForm = (over: Record<string, string> = {}) => ({
  'receivedOn-day': '1',
  'receivedOn-month': '4',
  'receivedOn-year': '2022',
  priorityDraft: 'yes',
  'draft-day': '3',
  'draft-month': '5',
  'draft-year': '2022',
  'scrutiny-day': '',
  'scrutiny-month': '',
  'scrutiny-year': '',
  'approval-day': '',
  'approval-month': '',
  'approval-year': '',
  'submitted-day': '',
  'submitted-month': '',
  'submitted-year': '',
  ...over,
});

describe('the statutory clock', () => {
  test('before the received date is set, the overview says there is no deadline yet', async () => {
    const manager = await signedIn();
    const page = text((await manager.get(`/plans/${planId}`)).body);
    assert.match(
      page,
      /Statutory clock No deadline yet: the day the inspection report was received has not been recorded/,
    );
    assert.match(page, /Change the statutory clock/);
    const viewer = await signedIn(VIEWER);
    const seen = text((await viewer.get(`/plans/${planId}`)).body);
    assert.match(seen, /No deadline yet/);
    assert.doesNotMatch(seen, /Change the statutory clock/);
  });

  test('bad dates are refused, each on its field, and nothing is saved', async () => {
    const manager = await signedIn();
    const unreal = await manager.submit(
      `/plans/${planId}/clock`,
      clockForm({ 'receivedOn-day': '31', 'receivedOn-month': '2' }),
    );
    assert.equal(unreal.statusCode, 400);
    assert.match(
      unreal.body,
      /href="#receivedOn-day">Enter the day the report was received as a real date, like 1 4 2022|href="#receivedOn-day">Enter the day the report was received as a real date/,
    );
    const early = await manager.submit(`/plans/${planId}/clock`, clockForm({ 'draft-month': '3' }));
    assert.equal(early.statusCode, 400);
    assert.match(
      text(early.body),
      /Draft written: the day must be on or after the day the report was received, 1 April 2022/,
    );
    const future = await manager.submit(
      `/plans/${planId}/clock`,
      clockForm({ 'submitted-day': '1', 'submitted-month': '6', 'submitted-year': '2022' }),
    );
    assert.equal(future.statusCode, 400);
    assert.match(text(future.body), /Submitted to Ofsted: the day must be today or earlier/);
    assert.match(future.body, /name="submitted-month"[^>]*value="6"/);
    const unchosen = await manager.submit(
      `/plans/${planId}/clock`,
      clockForm({ priorityDraft: '' }),
    );
    assert.equal(unchosen.statusCode, 400);
    assert.match(
      text(unchosen.body),
      /Choose whether a first draft is due for areas for priority action/,
    );
    const page = text((await manager.get(`/plans/${planId}`)).body);
    assert.match(page, /No deadline yet/);
  });

  test('saved, the overview shows both deadlines, the working days left and the stages', async () => {
    const manager = await signedIn();
    const saved = await manager.submit(`/plans/${planId}/clock`, clockForm());
    assert.equal(saved.statusCode, 303);
    const page = text((await manager.get(`/plans/${planId}`)).body);
    assert.match(page, /The statutory clock has been saved/);
    assert.match(page, /Inspection report received on 1 April 2022/);
    // 20 working days: 4 May 2022 (Easter and the early May bank holiday skipped), passed.
    assert.match(
      page,
      /First draft \(areas for priority action\) due 4 May 2022: 4 working days overdue/,
    );
    // 70 working days: 15 July 2022; 46 working days after 10 May (2 and 3 June are holidays).
    assert.match(page, /Statement of action due 15 July 2022: 46 working days left/);
    assert.match(
      page,
      /Draft written 3 May 2022 Scrutiny Not yet Cabinet or lead member approval Not yet Submitted to Ofsted Not yet/,
    );
    const form = await manager.get(`/plans/${planId}/clock`);
    assert.match(form.body, /name="receivedOn-day"[^>]*value="1"/);
    assert.match(form.body, /value="yes" checked/);
    const history = await app.transaction((trx) => app.services.history.list(trx, planId, {}));
    assert.ok(history.some((h) => h.entity === 'stage' && h.after?.reachedOn === '2022-05-03'));
    assert.ok(
      history.some((h) => h.entity === 'inspection' && h.after?.receivedOn === '2022-04-01'),
    );
  });

  test('once submitted the clock shows it, and once the plan is monitored it is gone', async () => {
    const manager = await signedIn();
    const sent = await manager.submit(
      `/plans/${planId}/clock`,
      clockForm({ 'submitted-day': '10', 'submitted-month': '5', 'submitted-year': '2022' }),
    );
    assert.equal(sent.statusCode, 303);
    const page = text((await manager.get(`/plans/${planId}`)).body);
    assert.match(page, /Statement of action due 15 July 2022: Submitted on 10 May 2022/);
    await app.transaction(async (trx) => {
      for (const status of ['approved', 'submitted', 'monitoring'])
        await app.services.plans.update(trx, app.changeBy('setup'), planId, { status });
    });
    const later = text((await manager.get(`/plans/${planId}`)).body);
    assert.doesNotMatch(later, /Statutory clock/);
  });

  test('a plan that records no inspection gets one to hold the received date', async () => {
    const manager = await signedIn();
    const saved = await manager.submit(
      `/plans/${noInspection}/clock`,
      clockForm({ priorityDraft: 'no', 'draft-day': '', 'draft-month': '', 'draft-year': '' }),
    );
    assert.equal(saved.statusCode, 303);
    const page = text((await manager.get(`/plans/${noInspection}`)).body);
    assert.match(page, /Statement of action due 15 July 2022: 46 working days left/);
    assert.doesNotMatch(page, /First draft/);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, noInspection));
    assert.equal(doc.inspection?.receivedOn, '2022-04-01');
  });
});
