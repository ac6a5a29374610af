import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from './server.js';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const EMAIL = 'manager@testshire.gov.uk';
const PASSWORD = 'correct horse battery staple';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const doc = buildPlanDocument();
  const hostile = {
    ...doc.actions[0]!,
    id: 'a2',
    ref: '1.2',
    text: '<script>alert("x")</script> Audit <b>case</b> files',
    status: null,
  };
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('manager'), {
      ...doc,
      actions: [...doc.actions, hostile],
    }),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Improvement Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('Service Manager'), planId, 'action', 'a1', {
      status: 'RED',
    }),
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('signing in', () => {
  test('a signed-out visitor is sent to sign in and comes back afterwards', async () => {
    const browser = new WebClient(server);
    const page = await browser.get(`/plans/${planId}`);
    assert.equal(page.statusCode, 302);
    assert.equal(
      page.headers.location,
      `/sign-in?returnTo=${encodeURIComponent(`/plans/${planId}`)}`,
    );
    const form = await browser.get(page.headers.location);
    assert.match(form.body, /<h1 class="govuk-heading-l">Sign in<\/h1>/);
    const signedIn = await browser.post('/sign-in', {
      _csrf: browser.csrf(form.body),
      email: EMAIL,
      password: PASSWORD,
      returnTo: `/plans/${planId}`,
    });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, `/plans/${planId}`);
    const cookie = signedIn.cookies.find((c) => c.name === 'g2g_session');
    assert.ok(cookie?.httpOnly && cookie.sameSite === 'Lax');
  });

  test('a wrong password shows the error summary and the field error with the same words', async () => {
    const browser = new WebClient(server);
    const form = await browser.get('/sign-in');
    const page = await browser.post('/sign-in', {
      _csrf: browser.csrf(form.body),
      email: EMAIL,
      password: 'wrong password here',
      returnTo: '/plans',
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /There is a problem/);
    assert.equal(page.body.match(/Enter a correct email address and password/g)?.length, 2);
    assert.match(page.body, /<title>Error: Sign in - Getting to Good<\/title>/);
  });

  test('a form without its CSRF token is refused and nothing happens', async () => {
    const browser = new WebClient(server);
    await browser.get('/sign-in');
    const page = await browser.post('/sign-in', { email: EMAIL, password: PASSWORD });
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /Your form could not be sent/);
    assert.equal(browser.cookies.has('g2g_session'), false);
  });

  test('sign-in never redirects to another site', async () => {
    const browser = new WebClient(server);
    const form = await browser.get('/sign-in');
    const page = await browser.post('/sign-in', {
      _csrf: browser.csrf(form.body),
      email: EMAIL,
      password: PASSWORD,
      returnTo: '//evil.example/',
    });
    assert.equal(page.headers.location, '/');
  });

  test('signing out ends the session', async () => {
    const browser = new WebClient(server);
    await browser.signIn(EMAIL, PASSWORD);
    const token = browser.cookies.get('g2g_session');
    // A link cannot sign anyone out: GET only offers the form.
    const offer = await browser.get('/sign-out');
    assert.match(offer.body, /<form method="post" action="\/sign-out"/);
    const stillIn = await browser.get('/plans');
    assert.equal(stillIn.statusCode, 200);
    const out = await browser.post('/sign-out', { _csrf: browser.csrf(offer.body) });
    assert.equal(out.headers.location, '/sign-in');
    const again = await server.inject({
      method: 'GET',
      url: '/plans',
      cookies: { g2g_session: token ?? '' },
    });
    assert.equal(again.statusCode, 302);
  });
});

describe('plan pages', () => {
  let browser: WebClient;
  before(async () => {
    browser = new WebClient(server);
    await browser.signIn(EMAIL, PASSWORD);
  });

  test('the plan list links to each plan', async () => {
    const page = await browser.get('/plans');
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      new RegExp(`href="/plans/${planId}">Testshire Children’s Services Improvement Plan</a>`),
    );
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.doesNotMatch(
      page.body,
      /Crown copyright/,
      'a council service does not claim Crown copyright',
    );
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  test('the overview groups recommendations and shows status as words', async () => {
    const page = await browser.get(`/plans/${planId}`);
    assert.match(page.body, /Priority and immediate action: Outcomes for care leavers/);
    assert.match(page.body, /<strong class="govuk-tag govuk-tag--red">\s*Red 1\s*<\/strong>/);
    assert.match(page.body, /Statement of action due 1 April 2026/);
    assert.match(
      page.body,
      /by 31 March 2026 <strong class="govuk-tag govuk-tag--red">Overdue<\/strong>/,
    );
  });

  test('text from documents is shown as text, never run as markup', async () => {
    const page = await browser.get(`/plans/${planId}`);
    assert.match(
      page.body,
      /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; Audit &lt;b&gt;case&lt;\/b&gt; files/,
    );
    assert.doesNotMatch(page.body, /<script>alert/);
  });

  test('filters are in the URL and survive a reload', async () => {
    const page = await browser.get(`/plans/${planId}?status=RED`);
    assert.match(page.body, /Showing 1 of 2 actions/);
    assert.match(page.body, /<option value="RED" selected>Red<\/option>/);
    assert.match(
      (await browser.get(`/plans/${planId}?status=none`)).body,
      /Showing 1 of 2 actions/,
    );
    assert.match(
      (await browser.get(`/plans/${planId}?overdue=yes`)).body,
      /Showing 2 of 2 actions/,
    );
  });

  test('the action page shows the due date as written and as understood, and its history', async () => {
    const page = await browser.get(`/plans/${planId}/actions/a1`);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /Due date as written\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*March 2026/,
    );
    assert.match(
      page.body,
      /Due date as understood\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*by 31 March 2026/,
    );
    assert.match(
      page.body,
      /Service Manager<\/td>\s*<td class="govuk-table__cell">Changed the status/,
    );
  });

  test('unknown plans and actions get the GOV.UK not-found page', async () => {
    const unknownPlan = await browser.get('/plans/00000000-0000-4000-8000-000000000000');
    assert.equal(unknownPlan.statusCode, 404);
    assert.match(unknownPlan.body, /Page not found/);
    assert.equal((await browser.get(`/plans/${planId}/actions/nope`)).statusCode, 404);
    assert.equal((await browser.get('/nowhere')).statusCode, 404);
  });

  test('GOV.UK Frontend is served by the app itself', async () => {
    assert.equal((await browser.get('/stylesheets/govuk-frontend.min.css')).statusCode, 200);
    assert.equal((await browser.get('/javascripts/govuk-frontend.min.js')).statusCode, 200);
    const page = await browser.get('/plans');
    const script = /<script type="module" src="(\/javascripts\/app\/[^"]+)"/.exec(page.body)?.[1];
    assert.equal(
      (await browser.get(script ?? 'missing')).statusCode,
      200,
      'the page starts GOV.UK Frontend from a script that exists',
    );
    assert.equal((await browser.get('/assets/images/favicon.ico')).statusCode, 200);
  });
});

describe('giving an update', () => {
  let browser: WebClient;
  before(async () => {
    browser = new WebClient(server);
    await browser.signIn(EMAIL, PASSWORD);
  });
  const formUrl = () => `/plans/${planId}/actions/a1/updates/new`;

  test('an empty form shows what is missing, keeps what was typed, and saves nothing', async () => {
    const form = await browser.get(formUrl());
    assert.match(form.body, /Give an update/);
    const page = await browser.post(formUrl(), {
      _csrf: browser.csrf(form.body),
      text: '',
      proposedStatus: '',
      evidenceUrl: 'javascript:alert(1)',
    });
    assert.equal(page.statusCode, 400);
    assert.equal(page.body.match(/Enter what has happened since the last update/g)?.length, 2);
    assert.equal(page.body.match(/Choose the status you propose/g)?.length, 2);
    assert.match(page.body, /Enter a link starting with https:\/\//);
    assert.match(page.body, /value="javascript:alert\(1\)"/);
    assert.match((await browser.get(`/plans/${planId}/actions/a1`)).body, /No updates yet/);
  });

  test('a lead gives an update with evidence and sees it on the action page', async () => {
    const form = await browser.get(formUrl());
    const saved = await browser.post(formUrl(), {
      _csrf: browser.csrf(form.body),
      text: '62 of 74 care leavers now have a pathway plan <b>checked</b>.',
      proposedStatus: 'AMBER',
      evidenceUrl: 'https://files.testshire.gov.uk/audit-june.pdf',
    });
    assert.equal(saved.statusCode, 303);
    const page = await browser.get(String(saved.headers.location));
    assert.match(page.body, /15 June 2026, Improvement Manager/);
    assert.match(
      page.body,
      /62 of 74 care leavers now have a pathway plan &lt;b&gt;checked&lt;\/b&gt;\./,
    );
    assert.match(page.body, /href="https:\/\/files\.testshire\.gov\.uk\/audit-june\.pdf"/);
    const history = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'update' }),
    );
    assert.equal(history.at(-1)?.actor, EMAIL);
  });

  test('a status outside the plan scheme is refused', async () => {
    const form = await browser.get(formUrl());
    const page = await browser.post(formUrl(), {
      _csrf: browser.csrf(form.body),
      text: 'x',
      proposedStatus: 'PURPLE',
      evidenceUrl: '',
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Choose the status you propose/);
  });
});

describe('changing an action', () => {
  let browser: WebClient;
  before(async () => {
    browser = new WebClient(server);
    await browser.signIn(EMAIL, PASSWORD);
  });
  const editUrl = () => `/plans/${planId}/actions/a1/edit`;

  test('a changed due date is shown as written and as understood, and appears in the history', async () => {
    const form = await browser.get(editUrl());
    assert.match(form.body, /value="March 2026"/);
    const saved = await browser.post(editUrl(), {
      _csrf: browser.csrf(form.body),
      text: 'Complete pathway plans for care leavers without a plan',
      outcomes: '',
      due: 'End September 2026',
      dueReason: 'The audit moved to September',
      status: 'AMBER',
    });
    assert.equal(saved.statusCode, 303);
    const page = await browser.get(`/plans/${planId}/actions/a1`);
    assert.match(
      page.body,
      /Due date as written\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*End September 2026/,
    );
    assert.match(page.body, /by 30 September 2026/);
    assert.match(
      page.body,
      new RegExp(
        `${EMAIL.replace('.', '\\.')}</td>\\s*<td class="govuk-table__cell">Changed [^<]*due`,
      ),
    );
  });

  test('an unreadable due date or an empty action is refused with the GOV.UK error pattern', async () => {
    const form = await browser.get(editUrl());
    const page = await browser.post(editUrl(), {
      _csrf: browser.csrf(form.body),
      text: ' ',
      outcomes: '',
      due: 'whenever',
      status: '',
    });
    assert.equal(page.statusCode, 400);
    assert.equal(page.body.match(/Enter the action/g)?.length, 2);
    assert.equal(page.body.match(/Enter a due date we can understand/g)?.length, 2);
    assert.match(page.body, /value="whenever"/);
  });
});
