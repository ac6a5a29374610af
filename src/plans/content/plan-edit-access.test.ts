import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/schema.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// Who may edit: every edit page and form, GET and POST, as each role; ids of another plan.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let otherPlanId: string;
let boardId: string;
const PASSWORD = 'a long enough password';

const PARAMS = (): Record<string, string> => ({
  planId,
  boardId,
  sectionId: 's1',
  themeId: 't1',
  recId: 'r1',
  actionId: 'a1',
  measureId: 'm1',
  riskId: 'k1',
  costId: 'c1',
});

/** The concrete URLs of this file's routes (plan editing and settings), for plan `id`. */
function editRoutes() {
  const mine =
    /^\/plans\/:planId\/(edit|settings|(sections|themes|recommendations|actions|measures|risks|costs)\/)/;
  return server.routeTable
    .filter((r) => r.policy === 'editPlan' && mine.test(r.url))
    .filter((r) => !r.url.startsWith('/plans/:planId/actions/:actionId/'))
    .map((r) => ({
      method: r.method,
      url: r.url.replace(/:(\w+)/g, (_m, name: string) => PARAMS()[name] ?? `:${name}`),
    }));
}

async function person(email: string, organisationId: string, role: Role) {
  await addMember(
    app,
    { email, name: email.split('@')[0] ?? email, password: PASSWORD },
    organisationId,
    {
      role,
    },
  );
  return new WebClient(server).signIn(email, PASSWORD);
}

before(async () => {
  app = await testContext();
  const base = buildPlanDocument();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), base),
  );
  // Another plan of the same council, whose ids differ, and a plan of another council.
  otherPlanId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), {
      ...base,
      boards: [{ name: 'Scrutiny Panel', cadence: null, chair: null }],
      recommendations: base.recommendations.map((r) => ({ ...r, id: 'b-r1' })),
      actions: base.actions.map((a) => ({ ...a, id: 'b-a1', recommendationId: 'b-r1' })),
      measures: base.measures.map((m) => ({
        ...m,
        id: 'b-m1',
        actionIds: [],
        recommendationIds: [],
      })),
      measureValues: base.measureValues.map((v) => ({ ...v, id: `b-${v.id}`, measureId: 'b-m1' })),
      risks: [],
      costs: [],
    }),
  );
  await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), {
      ...base,
      organisation: { slug: 'otherton', name: 'Otherton Council' },
    }),
  );
  const view = await app.transaction((trx) => app.services.plans.get(trx, planId));
  boardId = view.boards[0]?.id ?? '';
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

async function tryEvery(browser: WebClient) {
  const token = browser.csrf((await browser.get('/plans')).body);
  const seen: string[] = [];
  for (const route of editRoutes()) {
    const response =
      route.method === 'GET'
        ? await browser.get(route.url)
        : await browser.post(route.url, { _csrf: token, text: 'x', direction: 'up', from: '0' });
    seen.push(`${route.method} ${route.url} ${response.statusCode}`);
  }
  return seen;
}

describe('only plan managers edit', () => {
  test('the routes cover every edit page and form', () => {
    const urls = editRoutes().map((r) => `${r.method} ${r.url}`);
    assert.ok(urls.length >= 40, `found ${urls.length}`);
    assert.ok(
      urls.every((u) => !u.includes(':') && !u.includes('/?')),
      urls.join('\n'),
    );
  });

  for (const role of ['action-lead', 'viewer'] as const) {
    test(`${role === 'viewer' ? 'a viewer' : 'an action lead'} gets 403 on every edit page and form, and nothing changes`, async () => {
      const before = await app.transaction((trx) => app.services.documents.export(trx, planId));
      const browser = await person(`${role}@testshire.gov.uk`, await councilOf(app, planId), role);
      const seen = await tryEvery(browser);
      assert.deepEqual(
        seen.filter((s) => !s.endsWith(' 403')),
        [],
      );
      const after = await app.transaction((trx) => app.services.documents.export(trx, planId));
      assert.deepEqual(after, before);
      // They may still read the recommendation page, without edit links.
      const page = await browser.get(`/plans/${planId}/recommendations/r1`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Add an action|Move up|Change this recommendation/);
    });
  }

  test('a member of another council gets 404 everywhere, the recommendation page too', async () => {
    const otherCouncil = await app.transaction(async (trx) => {
      const plans = await app.services.plans.list(trx);
      return plans.find((p) => p.organisationName === 'Otherton Council')?.organisationId ?? '';
    });
    const browser = await person('manager@otherton.gov.uk', otherCouncil, 'plan-manager');
    const seen = await tryEvery(browser);
    assert.deepEqual(
      seen.filter((s) => !s.endsWith(' 404')),
      [],
    );
    const page = await browser.get(`/plans/${planId}/recommendations/r1`);
    assert.equal(page.statusCode, 404);
    assert.doesNotMatch(page.body, /pathway plan/);
  });

  test('ids of another plan in this plan’s addresses are not found', async () => {
    const browser = await person(
      'pm@testshire.gov.uk',
      await councilOf(app, planId),
      'plan-manager',
    );
    const token = browser.csrf((await browser.get('/plans')).body);
    const other = await app.transaction((trx) => app.services.plans.get(trx, otherPlanId));
    const foreignBoard = other.boards[0]?.id ?? '';
    const urls = [
      `/plans/${planId}/recommendations/b-r1`,
      `/plans/${planId}/recommendations/b-r1/edit`,
      `/plans/${planId}/recommendations/b-r1/actions/new`,
      `/plans/${planId}/actions/b-a1/remove`,
      `/plans/${planId}/measures/b-m1/edit`,
      `/plans/${planId}/settings/boards/${foreignBoard}/remove`,
    ];
    for (const url of urls) {
      assert.equal((await browser.get(url)).statusCode, 404, `GET ${url}`);
      assert.equal(
        (await browser.post(url, { _csrf: token, text: 'x' })).statusCode,
        404,
        `POST ${url}`,
      );
    }
    const moved = await browser.post(`/plans/${planId}/actions/b-a1/move`, {
      _csrf: token,
      direction: 'up',
      from: '0',
    });
    assert.equal(moved.statusCode, 404);
    const after = await app.transaction((trx) => app.services.documents.export(trx, otherPlanId));
    assert.equal(after.actions[0]?.id, 'b-a1');
  });
});
