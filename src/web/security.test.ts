import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from './server.js';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planA: string;
let planB: string;
const PASSWORD = 'a long enough password';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planA = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  planB = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('import'),
      buildPlanDocument({ organisation: { slug: 'otherton', name: 'Otherton Council' } }),
    ),
  );
  await addMember(
    app,
    { email: 'pm@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD },
    await councilOf(app, planA),
    {
      role: 'plan-manager',
    },
  );
  await addMember(
    app,
    { email: 'pm@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD },
    await councilOf(app, planA),
    { role: 'administrator' },
  );
  await addMember(
    app,
    { email: 'victim@testshire.gov.uk', name: 'Victim', password: PASSWORD },
    await councilOf(app, planA),
    {
      role: 'viewer',
    },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const countUpdates = async (planId: string) =>
  (await app.transaction((trx) => app.services.documents.export(trx, planId))).updates.length;

describe('attacks on signing in', () => {
  test('a session id planted before sign-in is never the one used after it (no fixation)', async () => {
    const client = new WebClient(server);
    client.cookies.set('g2g_session', 'planted-by-an-attacker');
    await client.signIn('pm@testshire.gov.uk', PASSWORD);
    const after = client.cookies.get('g2g_session');
    assert.ok(after && after !== 'planted-by-an-attacker');
    const planted = await server.inject({
      method: 'GET',
      url: '/plans',
      cookies: { g2g_session: 'planted-by-an-attacker' },
    });
    assert.equal(planted.statusCode, 302);
  });

  test('after five wrong passwords from one address, that address waits a minute for the account, and it is logged', async () => {
    const attacker = new WebClient(server);
    const form = await attacker.get('/sign-in');
    const token = attacker.csrf(form.body);
    for (let i = 0; i < 5; i++) {
      const wrong = await attacker.post('/sign-in', {
        _csrf: token,
        email: 'victim@testshire.gov.uk',
        password: `guess number ${i}`,
      });
      assert.equal(wrong.statusCode, 400);
    }
    const right = await attacker.post('/sign-in', {
      _csrf: token,
      email: 'victim@testshire.gov.uk',
      password: PASSWORD,
    });
    assert.equal(right.statusCode, 429);
    assert.match(right.body, /Too many failed attempts to sign in\. Wait 1 minute/);
    assert.equal(attacker.cookies.has('g2g_session'), false);
    const events = await app.transaction((trx) =>
      app.services.access.listAudit(trx, { email: 'victim@testshire.gov.uk' }),
    );
    assert.equal(events.filter((e) => e.kind === 'sign-in-failed').length, 5);
    assert.equal(events.filter((e) => e.kind === 'sign-in-throttled').length, 1);
    app.clock.set('2026-06-15T09:20:00Z');
    const later = new WebClient(server);
    await later.signIn('victim@testshire.gov.uk', PASSWORD);
  });

  test('sign-in never sends people to another site', async () => {
    for (const returnTo of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      '/%0d%0aLocation:%20https://evil.example',
    ]) {
      const client = new WebClient(server);
      const form = await client.get(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      const response = await client.post('/sign-in', {
        _csrf: client.csrf(form.body),
        email: 'pm@testshire.gov.uk',
        password: PASSWORD,
        returnTo,
      });
      const location = String(response.headers.location);
      assert.ok(
        /^\/(?![/\\])/.test(location) && !/[\r\n]/.test(location),
        `${returnTo} → ${location}`,
      );
    }
  });
});

describe('attacks through addresses and form fields', () => {
  test('another council’s plan id in an update form’s address is not found, and nothing is saved', async () => {
    const pm = new WebClient(server);
    await pm.signIn('pm@testshire.gov.uk', PASSWORD);
    const own = await pm.get(`/plans/${planA}/actions/a1/updates/new`);
    const response = await pm.post(`/plans/${planB}/actions/a1/updates/new`, {
      _csrf: pm.csrf(own.body),
      text: 'Sneaky update',
      proposedStatus: 'GREEN',
    });
    assert.equal(response.statusCode, 404);
    assert.doesNotMatch(response.body, /Otherton/);
    assert.equal(await countUpdates(planB), 0);
  });

  test('SQL metacharacters in addresses and filters are just text', async () => {
    const pm = new WebClient(server);
    await pm.signIn('pm@testshire.gov.uk', PASSWORD);
    const id = encodeURIComponent("a1' or '1'='1");
    assert.equal((await pm.get(`/plans/${planA}/actions/${id}`)).statusCode, 404);
    assert.equal(
      (await pm.get(`/plans/${encodeURIComponent("x'; drop table plan; --")}`)).statusCode,
      404,
    );
    const filtered = await pm.get(
      `/plans/${planA}?lead=${encodeURIComponent("' or 1=1 --")}&status=${encodeURIComponent("RED'--")}`,
    );
    assert.equal(filtered.statusCode, 200);
    assert.match(filtered.body, /Showing 0 of 1 actions/);
    const audit = await pm.get(`/plans/${planA}/audit?who=${encodeURIComponent("x' or '1'='1")}`);
    assert.match(audit.body, /No changes match/);
    assert.equal((await app.transaction((trx) => app.services.plans.list(trx))).length, 2);
  });

  test('a form with two files where one is allowed gets a clear page, and nothing is saved', async () => {
    const pm = new WebClient(server);
    await pm.signIn('pm@testshire.gov.uk', PASSWORD);
    const url = `/plans/${planA}/actions/a1/updates/new`;
    const form = await pm.get(url);
    const file = { name: 'notes.txt', bytes: new TextEncoder().encode('Minutes of the panel') };
    const response = await pm.upload(url, {
      _csrf: pm.csrf(form.body),
      text: 'Two files at once',
      proposedStatus: 'GREEN',
      evidenceFile: [file, { ...file, name: 'more.txt' }],
    });
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /had more than one file/);
    assert.equal(await countUpdates(planA), 0);
  });

  test('an update form sent twice (a double click) saves one update', async () => {
    const pm = new WebClient(server);
    await pm.signIn('pm@testshire.gov.uk', PASSWORD);
    const url = `/plans/${planA}/actions/a1/updates/new`;
    const form = await pm.get(url);
    const token = /name="token" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const fields = {
      _csrf: pm.csrf(form.body),
      token,
      text: 'Panel met on Monday',
      proposedStatus: 'AMBER',
    };
    const [first, second] = await Promise.all([pm.post(url, fields), pm.post(url, fields)]);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal((await pm.post(url, fields)).statusCode, 303);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planA));
    assert.equal(doc.updates.filter((u) => u.text === 'Panel met on Monday').length, 1);
  });

  test('a viewer posting to an edit form is refused and nothing changes', async () => {
    const viewer = new WebClient(server);
    await viewer.signIn('victim@testshire.gov.uk', PASSWORD);
    const page = await viewer.get(`/plans/${planA}`);
    const response = await viewer.post(`/plans/${planA}/actions/a1/edit`, {
      _csrf: viewer.csrf(page.body),
      text: 'Changed by a viewer',
      due: 'May 2026',
      status: '',
      outcomes: '',
    });
    assert.equal(response.statusCode, 403);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planA));
    assert.notEqual(doc.actions[0]?.text, 'Changed by a viewer');
  });

  test('every page the route table lists carries the security headers, signed out and signed in, and signed-in pages are never cached', async () => {
    const signedIn = new WebClient(server);
    await signedIn.signIn('pm@testshire.gov.uk', PASSWORD);
    const signedOut = new WebClient(server);
    const pages = server.routeTable.filter((r) => r.method === 'GET');
    assert.ok(pages.length > 40, `only ${pages.length} pages in the route table`);
    const problems: string[] = [];
    const shown: string[] = [];
    for (const { url: route } of pages) {
      const url = fill(route);
      for (const [who, client] of [
        ['signed out', signedOut],
        ['signed in', signedIn],
      ] as const) {
        const page = await client.get(url);
        const say = (problem: string) =>
          problems.push(`${who} ${route} (${page.statusCode}): ${problem}`);
        const csp = String(page.headers['content-security-policy'] ?? '');
        if (!/frame-ancestors 'none'/.test(csp)) say('no frame-ancestors none');
        if (!/script-src 'self';/.test(csp) || /unsafe-inline/.test(csp)) say(`script-src: ${csp}`);
        if (page.headers['x-content-type-options'] !== 'nosniff') say('no nosniff');
        if (page.headers['referrer-policy'] !== 'same-origin') say('no referrer-policy');
        if (who === 'signed in' && page.headers['cache-control'] !== 'no-store')
          say(`cache-control: ${String(page.headers['cache-control'])}`);
        if (page.statusCode >= 500) say('server error');
        if (/<script(?![^>]*\bsrc=)[^>]*>/.test(page.body)) say('inline script');
        if (who === 'signed in' && page.statusCode === 200) shown.push(route);
      }
    }
    assert.deepEqual(problems, []);
    // The pages of the plan and the council were shown, not only "not found" or sign-in pages.
    for (const route of [
      '/',
      '/plans/:planId',
      '/plans/:planId/actions/:actionId',
      '/plans/:planId/edit',
      '/plans/:planId/settings',
      '/plans/:planId/audit',
      '/plans/:planId/export.json',
      '/councils/:slug/people',
      '/councils/:slug/audit.csv',
    ])
      assert.ok(shown.includes(route), `${route} was not shown: ${shown.join(', ')}`);
    const page = await signedIn.get(`/plans/${planA}`);
    assert.match(page.body, /<script src="\/javascripts\/app\/js-enabled\.js"><\/script>/);
    const script = await signedIn.get('/javascripts/app/js-enabled.js');
    assert.match(script.body, /js-enabled/);
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
  });
});

/** A route's parameters filled with things of plan A (a one-time token or file id is made up). */
function fill(route: string): string {
  const values: Record<string, string> = {
    planId: planA,
    actionId: 'a1',
    recId: 'r1',
    measureId: 'm1',
    riskId: 'k1',
    costId: 'c1',
    sectionId: 's1',
    themeId: 't1',
    slug: 'testshire',
    councilSlug: 'testshire',
  };
  return route.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? 'made-up');
}

describe('in production', () => {
  test('cookies are Secure, and browsers are told to use HTTPS only (HSTS)', async () => {
    const production = await buildServer({
      ...app,
      config: { ...app.config, environment: 'production' },
    });
    try {
      const client = new WebClient(production);
      const form = await client.get('/sign-in');
      assert.match(String(form.headers['strict-transport-security']), /max-age=\d+/);
      assert.ok(form.cookies.find((c) => c.name === 'g2g_csrf')?.secure);
      const signedIn = await client.post('/sign-in', {
        _csrf: client.csrf(form.body),
        email: 'pm@testshire.gov.uk',
        password: PASSWORD,
      });
      const session = signedIn.cookies.find((c) => c.name === 'g2g_session');
      assert.ok(session?.secure && session.httpOnly && session.sameSite === 'Lax');
    } finally {
      await production.close();
    }
  });
});
