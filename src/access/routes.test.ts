import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Role } from '../db/schema.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import type { RoutePolicy } from '../web/guard.js';
import { buildServer, requirePolicy } from '../web/server.js';

// Walks EVERY route of the app as every role of the right council, as a plan manager of
// another council, and signed out, and checks the outcome against the route's policy.
// A new route must be added to ROUTES with its policy, or this test fails.

const ROUTES: Record<string, RoutePolicy> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /sign-out': 'public',
  'POST /sign-out': 'public',
  'GET /plans': 'signed-in',
  'GET /plans/:planId': 'viewPlan',
  'GET /plans/:planId/actions/:actionId': 'viewPlan',
  'GET /plans/:planId/actions/:actionId/updates/new': 'updateAction',
  'POST /plans/:planId/actions/:actionId/updates/new': 'updateAction',
  'GET /plans/:planId/proposals': 'editPlan',
  'POST /plans/:planId/settings/confirmation': 'editPlan',
  'POST /plans/:planId/actions/:actionId/status': 'editPlan',
  'GET /plans/:planId/actions/:actionId/edit': 'editPlan',
  'POST /plans/:planId/actions/:actionId/edit': 'editPlan',
  'GET /': 'signed-in',
  'GET /councils': 'signed-in',
  'GET /e-mail-preferences': 'signed-in',
  'POST /e-mail-preferences': 'signed-in',
  'GET /councils/:slug/people': 'manageCouncil',
  'GET /councils/:slug/people/invite': 'manageCouncil',
  'POST /councils/:slug/people/invite': 'manageCouncil',
  'GET /councils/:slug/people/change': 'manageCouncil',
  'POST /councils/:slug/people/role': 'manageCouncil',
  'POST /councils/:slug/people/deactivate': 'manageCouncil',
  'POST /councils/:slug/people/unlock': 'manageCouncil',
  'POST /councils/:slug/people/reactivate': 'manageCouncil',
  'GET /invitations/:token': 'public',
  'POST /invitations/:token': 'public',
  'GET /password-reset/:token': 'public',
  'POST /password-reset/:token': 'public',
  'GET /password-reset': 'public',
  'POST /password-reset': 'public',
  'GET /sign-in/sso': 'public',
  'GET /sign-in/:councilSlug/sso': 'public',
  'GET /sign-in/:councilSlug/sso/callback': 'public',
  'GET /import': 'signed-in',
  'GET /councils/:councilSlug/import': 'createPlan',
  'POST /councils/:councilSlug/import': 'createPlan',
  'GET /councils/:councilSlug/import/:draftId': 'createPlan',
  'GET /councils/:councilSlug/import/:draftId/columns': 'createPlan',
  'POST /councils/:councilSlug/import/:draftId/columns': 'createPlan',
  'GET /councils/:councilSlug/import/:draftId/statuses': 'createPlan',
  'POST /councils/:councilSlug/import/:draftId/statuses': 'createPlan',
  'GET /councils/:councilSlug/import/:draftId/:kind/:itemId': 'createPlan',
  'POST /councils/:councilSlug/import/:draftId/:kind/:itemId': 'createPlan',
  'POST /councils/:councilSlug/import/:draftId/confirm': 'createPlan',
  'POST /councils/:councilSlug/import/:draftId/cancel': 'createPlan',
  'GET /plans/:planId/recommendations/:recId': 'viewPlan',
  'GET /plans/:planId/edit': 'editPlan',
  'GET /plans/:planId/sections/new': 'editPlan',
  'POST /plans/:planId/sections/new': 'editPlan',
  'GET /plans/:planId/sections/:sectionId/edit': 'editPlan',
  'POST /plans/:planId/sections/:sectionId/edit': 'editPlan',
  'GET /plans/:planId/themes/new': 'editPlan',
  'POST /plans/:planId/themes/new': 'editPlan',
  'GET /plans/:planId/themes/:themeId/edit': 'editPlan',
  'POST /plans/:planId/themes/:themeId/edit': 'editPlan',
  'GET /plans/:planId/recommendations/new': 'editPlan',
  'POST /plans/:planId/recommendations/new': 'editPlan',
  'GET /plans/:planId/recommendations/:recId/edit': 'editPlan',
  'POST /plans/:planId/recommendations/:recId/edit': 'editPlan',
  'GET /plans/:planId/measures': 'viewPlan',
  'GET /plans/:planId/figures': 'editPlan',
  'POST /plans/:planId/figures': 'editPlan',
  'GET /plans/:planId/measure-uploads': 'editPlan',
  'POST /plans/:planId/measure-uploads': 'editPlan',
  'GET /plans/:planId/measure-uploads/:uploadId': 'editPlan',
  'POST /plans/:planId/measure-uploads/:uploadId': 'editPlan',
  'GET /plans/:planId/indicators': 'editPlan',
  'POST /plans/:planId/indicators/:key': 'editPlan',
  'GET /plans/:planId/measures.csv': 'viewPlan',
  'GET /plans/:planId/measures/:measureId': 'viewPlan',
  'POST /plans/:planId/measures/:measureId/values': 'editPlan',
  'GET /plans/:planId/measures/new': 'editPlan',
  'POST /plans/:planId/measures/new': 'editPlan',
  'GET /plans/:planId/measures/:measureId/edit': 'editPlan',
  'POST /plans/:planId/measures/:measureId/edit': 'editPlan',
  'GET /plans/:planId/risks/new': 'editPlan',
  'POST /plans/:planId/risks/new': 'editPlan',
  'GET /plans/:planId/risks/:riskId/edit': 'editPlan',
  'POST /plans/:planId/risks/:riskId/edit': 'editPlan',
  'GET /plans/:planId/costs/new': 'editPlan',
  'POST /plans/:planId/costs/new': 'editPlan',
  'GET /plans/:planId/costs/:costId/edit': 'editPlan',
  'POST /plans/:planId/costs/:costId/edit': 'editPlan',
  'GET /plans/:planId/recommendations/:recId/actions/new': 'editPlan',
  'POST /plans/:planId/recommendations/:recId/actions/new': 'editPlan',
  'GET /plans/:planId/sections/:sectionId/remove': 'editPlan',
  'POST /plans/:planId/sections/:sectionId/remove': 'editPlan',
  'GET /plans/:planId/themes/:themeId/remove': 'editPlan',
  'POST /plans/:planId/themes/:themeId/remove': 'editPlan',
  'GET /plans/:planId/recommendations/:recId/remove': 'editPlan',
  'POST /plans/:planId/recommendations/:recId/remove': 'editPlan',
  'GET /plans/:planId/measures/:measureId/remove': 'editPlan',
  'POST /plans/:planId/measures/:measureId/remove': 'editPlan',
  'GET /plans/:planId/risks/:riskId/remove': 'editPlan',
  'POST /plans/:planId/risks/:riskId/remove': 'editPlan',
  'GET /plans/:planId/costs/:costId/remove': 'editPlan',
  'POST /plans/:planId/costs/:costId/remove': 'editPlan',
  'GET /plans/:planId/actions/:actionId/remove': 'editPlan',
  'POST /plans/:planId/actions/:actionId/remove': 'editPlan',
  'POST /plans/:planId/recommendations/:recId/move': 'editPlan',
  'POST /plans/:planId/actions/:actionId/move': 'editPlan',
  'GET /plans/:planId/settings': 'editPlan',
  'POST /plans/:planId/settings': 'editPlan',
  'POST /plans/:planId/settings/scheme': 'editPlan',
  'GET /plans/:planId/clock': 'editPlan',
  'POST /plans/:planId/clock': 'editPlan',
  'POST /plans/:planId/settings/boards': 'editPlan',
  'GET /plans/:planId/settings/boards/:boardId/remove': 'editPlan',
  'POST /plans/:planId/settings/boards/:boardId/remove': 'editPlan',
  'GET /plans/:planId/audit': 'viewPlanAudit',
  'GET /plans/:planId/audit.csv': 'viewPlanAudit',
  'GET /plans/:planId/export.json': 'viewPlan',
  'GET /councils/:slug/audit': 'manageCouncil',
  'GET /councils/:slug/audit.csv': 'manageCouncil',
  'GET /plans/:planId/evidence/:fileId': 'viewPlan',
  'GET /plans/:planId/pack': 'viewPlan',
  'GET /plans/:planId/pack/:file': 'viewPlan',
  'POST /plans/:planId/packs': 'editPlan',
  'GET /plans/:planId/packs': 'viewPlan',
  'GET /plans/:planId/packs/:packId': 'viewPlan',
  'GET /plans/:planId/packs/:packId/:file': 'viewPlan',
  'GET /plans/:planId/budget': 'editPlan',
  'POST /plans/:planId/budget': 'editPlan',
  'GET /plans/:planId/versions': 'viewPlan',
  'POST /plans/:planId/versions': 'editPlan',
  'GET /plans/:planId/statement-of-action.:ext': 'editPlan',
  'GET /plans/:planId/versions/compare': 'viewPlan',
  'GET /plans/:planId/changes': 'viewPlan',
  'GET /plans/:planId/rounds': 'editPlan',
  'GET /plans/:planId/rounds/new': 'editPlan',
  'POST /plans/:planId/rounds/new': 'editPlan',
  'GET /plans/:planId/rounds/:roundId': 'editPlan',
  'POST /plans/:planId/rounds/:roundId/deadline': 'editPlan',
  'POST /plans/:planId/rounds/:roundId/close': 'editPlan',
  'POST /plans/:planId/rounds/:roundId/remind': 'editPlan',
  'GET /plans/:planId/rounds/:roundId/my-updates': 'updateAction',
  'POST /plans/:planId/rounds/:roundId/my-updates': 'updateAction',
  'GET /plans/:planId/rounds/:roundId/workbook': 'editPlan',
  'GET /plans/:planId/rounds/:roundId/workbook/upload': 'editPlan',
  'POST /plans/:planId/rounds/:roundId/workbook/upload': 'editPlan',
  'GET /plans/:planId/rounds/:roundId/workbook/:uploadId': 'editPlan',
  'POST /plans/:planId/rounds/:roundId/workbook/:uploadId/confirm': 'editPlan',
};

type Who = Role | 'signed-out' | 'other-council';
const EVERYONE: Who[] = [
  'signed-out',
  'administrator',
  'plan-manager',
  'action-lead',
  'viewer',
  'adviser',
  'other-council',
];

/** Who each policy lets in (the other council's plan manager is judged separately). */
const ALLOWED: Record<RoutePolicy, Who[]> = {
  public: EVERYONE,
  'signed-in': EVERYONE.filter((w) => w !== 'signed-out'),
  viewPlan: ['administrator', 'plan-manager', 'action-lead', 'viewer', 'adviser'],
  editPlan: ['plan-manager'],
  updateAction: ['plan-manager', 'action-lead'],
  viewPlanAudit: ['administrator', 'plan-manager'],
  createPlan: ['administrator', 'plan-manager'],
  manageCouncil: ['administrator'],
};

/** Parameters that name something in council A; routes naming nothing are judged by role alone. */
const SCOPED_PARAMS = new Set(['planId', 'slug', 'councilSlug']);

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let councilA: string;
let planA: string;
const people = new Map<Who, string>();

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planA = await importPlan('testshire', 'Testshire County Council');
  const planB = await importPlan('otherton', 'Otherton Borough Council');
  councilA = await councilOf(app, planA);
  const councilB = await councilOf(app, planB);
  const grants: Array<[Who, string, Parameters<typeof addMember>[3]]> = [
    ['administrator', councilA, { role: 'administrator' }],
    ['plan-manager', councilA, { role: 'plan-manager' }],
    [
      'action-lead',
      councilA,
      { role: 'action-lead', leadNames: ['Service Manager, Leaving Care'] },
    ],
    ['viewer', councilA, { role: 'viewer' }],
    ['adviser', councilA, { role: 'adviser', planId: planA, expiresAt: '2027-01-01T00:00:00Z' }],
    ['other-council', councilB, { role: 'plan-manager' }],
  ];
  for (const [who, council, grant] of grants) {
    people.set(
      who,
      await addMember(
        app,
        { email: `${who}@example.org`, name: `The ${who}`, password: 'a long enough password' },
        council,
        grant,
      ),
    );
  }
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

function importPlan(slug: string, name: string): Promise<string> {
  return app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ organisation: { slug, name } }),
    ),
  );
}

/** Fills a route's parameters with things of council A (a fresh plan for each form post). */
async function urlFor(route: string, method: string): Promise<string> {
  let planId = planA;
  if (method === 'POST') {
    planId = await importPlan('testshire', 'Testshire County Council');
    await app.transaction((trx) =>
      app.services.access.grant(
        trx,
        { userId: null, at: app.clock.now() },
        people.get('adviser') ?? '',
        councilA,
        {
          role: 'adviser',
          planId,
          expiresAt: '2027-01-01T00:00:00Z',
        },
      ),
    );
  }
  const values: Record<string, string> = {
    planId,
    actionId: 'a1',
    recId: 'r1',
    recommendationId: 'r1',
    measureId: 'm1',
    riskId: 'k1',
    costId: 'c1',
    sectionId: 's1',
    themeId: 't1',
    slug: 'testshire',
    councilSlug: 'testshire',
  };
  return route.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? randomUUID());
}

const FILLED = new Set([
  'planId',
  'actionId',
  'recId',
  'recommendationId',
  'measureId',
  'riskId',
  'costId',
  'sectionId',
  'themeId',
  'slug',
  'councilSlug',
]);
const unfillable = (route: string) =>
  [...route.matchAll(/:(\w+)/g)].some((m) => !FILLED.has(m[1] ?? ''));

async function send(method: string, url: string, who: Who) {
  if (who === 'signed-out') {
    return server.inject({
      method: method as 'GET' | 'POST',
      url,
      cookies: { g2g_csrf: 'anonymous-token' },
      ...(method === 'POST' ? { payload: { _csrf: 'anonymous-token' } } : {}),
    });
  }
  const userId = people.get(who) ?? '';
  const { token, csrf } = await app.transaction(async (trx) => {
    const t = await app.services.accounts.startSession(trx, userId, app.clock.now());
    const signedIn = await app.services.accounts.resolve(trx, t, app.clock.now());
    return { token: t, csrf: signedIn?.session.csrfToken ?? '' };
  });
  return server.inject({
    method: method as 'GET' | 'POST',
    url,
    cookies: { g2g_session: token },
    ...(method === 'POST' ? { payload: { _csrf: csrf } } : {}),
  });
}

describe('every route has a policy, and the policy holds', () => {
  test('the app’s routes are exactly the ones listed here, each with its declared policy', () => {
    const actual = Object.fromEntries(
      server.routeTable.map((r) => [`${r.method} ${r.url}`, r.policy]),
    );
    const missing = Object.keys(actual).filter((k) => !(k in ROUTES));
    assert.deepEqual(missing, [], 'routes not in this test’s table: add each with its policy');
    assert.deepEqual(actual, ROUTES);
  });

  test('each route as each person: allowed, refused (403), not found (404) or sent to sign in', async () => {
    const failures: string[] = [];
    for (const { method, url: route, policy } of server.routeTable) {
      const scoped = [...route.matchAll(/:(\w+)/g)].some((m) => SCOPED_PARAMS.has(m[1] ?? ''));
      for (const who of EVERYONE) {
        const url = await urlFor(route, method);
        const response = await send(method, url, who);
        const status = response.statusCode;
        const location = String(response.headers.location ?? '');
        const toSignIn = (status === 302 && location.startsWith('/sign-in')) || status === 401;
        const allowed = who === 'other-council' && scoped ? false : ALLOWED[policy].includes(who);
        let ok: boolean;
        if (status >= 500) ok = false;
        else if (policy === 'public') ok = status !== 403;
        else if (who === 'signed-out') ok = toSignIn;
        else if (allowed)
          // A parameter the fixture cannot fill (a file, a one-time token) may rightly be "not found".
          ok = ![401, 403].includes(status) && !toSignIn && (status !== 404 || unfillable(route));
        else if (who === 'other-council' || (who === 'adviser' && !route.includes(':planId')))
          ok = status === 404 || status === 403;
        else ok = status === 403;
        if (who === 'other-council' && scoped && !allowed) ok = status === 404;
        if (!ok) {
          failures.push(
            `${method} ${route} as ${who}: ${status}${location ? ` → ${location}` : ''} (policy ${policy}, ${allowed ? 'should be allowed' : 'should be refused'})`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a route registered without a policy stops the server from starting', async () => {
    const probe = Fastify();
    const table: FastifyInstance['routeTable'] = [];
    probe.addHook('onRoute', requirePolicy(table));
    probe.get('/with-policy', { config: { policy: 'signed-in' } }, () => 'x');
    assert.throws(() => probe.get('/no-policy', () => 'x'), /GET \/no-policy declares no policy/);
    assert.deepEqual(table, [{ method: 'GET', url: '/with-policy', policy: 'signed-in' }]);
    await probe.close();
  });
});
