import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { SESSION_COOKIE } from '../../web/route-context.js';
import { buildServer } from '../../web/server.js';

// The plan settings page: the plan's fields and status steps, period, RAG scheme, boards.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let manager: WebClient;
const EMAIL = 'manager@testshire.gov.uk';
const PASSWORD = 'a long enough password';
const settings = () => `/plans/${planId}/settings`;
/** The value a text input shows. */
const typed = (html: string, name: string) =>
  new RegExp(`name="${name}" type="text" value="([^"]*)"`).exec(html)?.[1];
const view = () => app.transaction((trx) => app.services.plans.get(trx, planId));
const fields = (over: Record<string, string> = {}) => ({
  title: 'Testshire Improvement Plan',
  versionLabel: 'Final Draft (V7)',
  status: 'draft',
  'periodStart-day': '1',
  'periodStart-month': '4',
  'periodStart-year': '2026',
  'periodEnd-day': '31',
  'periodEnd-month': '3',
  'periodEnd-year': '2028',
  ...over,
});

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Manager', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'plan-manager',
    },
  );
  server = await buildServer(app);
  manager = await new WebClient(server).signIn(EMAIL, PASSWORD);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('plan settings', () => {
  test('title, version and period are saved and recorded in history', async () => {
    const response = await manager.submit(settings(), fields());
    assert.equal(response.statusCode, 303);
    const { plan } = await view();
    assert.equal(plan.title, 'Testshire Improvement Plan');
    assert.equal(plan.versionLabel, 'Final Draft (V7)');
    assert.equal(plan.periodStart, '2026-04-01');
    assert.equal(plan.periodEnd, '2028-03-31');
    const page = await manager.get(settings());
    assert.match(page.body, /name="periodEnd-year"[^>]*value="2028"/);
    const history = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'plan' }),
    );
    assert.equal(history.at(-1)?.actor, EMAIL);
  });

  test('a status step that is not allowed is refused with a clear message', async () => {
    const refused = await manager.submit(settings(), fields({ status: 'monitoring' }));
    assert.equal(refused.statusCode, 400);
    const message =
      'A draft plan cannot become monitoring in one step. It can become approved, or stay draft.';
    assert.equal(refused.body.split(message).length - 1, 2, 'in the summary and on the field');
    assert.equal((await view()).plan.status, 'draft');
    assert.equal(
      (await manager.submit(settings(), fields({ status: 'approved' }))).statusCode,
      303,
    );
    assert.equal((await view()).plan.status, 'approved');
  });

  test('a date that does not exist, or an end before the start, is refused', async () => {
    const bad = await manager.submit(
      settings(),
      fields({ 'periodStart-day': '31', 'periodStart-month': '2' }),
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#periodStart-day">The start date must be a real date/);
    const backwards = await manager.submit(settings(), fields({ 'periodEnd-year': '2025' }));
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /The end date must be a real date on or after the start date/);
    const long = await manager.submit(settings(), fields({ title: 't'.repeat(501) }));
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /Enter the plan’s title \(500 characters or fewer\)/);
  });

  test('the RAG scheme changes only to one with every status in use', async () => {
    const page = await manager.get(settings());
    const plain = /value="([^"]+)"[^>]*>\s*<label[^>]*>\s*Red, Amber, Green\s*</.exec(
      page.body,
    )?.[1];
    assert.ok(plain, 'plain RAG is offered');
    await app.transaction((trx) =>
      app.services.content.update(trx, app.changeBy('x'), planId, 'action', 'a1', {
        status: 'BLUE',
      }),
    );
    const refused = await manager.post(`${settings()}/scheme`, {
      _csrf: manager.csrf(page.body),
      ragSchemeId: plain,
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /statuses that scheme does not have: BLUE \(1\)/);
    await app.transaction((trx) =>
      app.services.content.update(trx, app.changeBy('x'), planId, 'action', 'a1', {
        status: 'RED',
      }),
    );
    const changed = await manager.post(`${settings()}/scheme`, {
      _csrf: manager.csrf(page.body),
      ragSchemeId: plain,
    });
    assert.equal(changed.statusCode, 303);
    assert.equal((await view()).scheme.key, 'red-amber-green');
  });

  test('boards are added (once, even if sent twice) and removed after confirmation', async () => {
    const page = await manager.get(settings());
    const form = {
      _csrf: manager.csrf(page.body),
      boardName: 'Scrutiny <Committee>',
      boardCadence: 'Quarterly',
      boardChair: 'Cllr Chair',
    };
    assert.equal((await manager.post(`${settings()}/boards`, form)).statusCode, 303);
    assert.equal((await manager.post(`${settings()}/boards`, form)).statusCode, 303);
    let boards = (await view()).boards;
    assert.deepEqual(
      boards.map((b) => b.name),
      ['Improvement Board', 'Scrutiny <Committee>'],
    );
    const shown = await manager.get(settings());
    assert.match(shown.body, /Scrutiny &lt;Committee&gt;/);
    const blank = await manager.post(`${settings()}/boards`, { ...form, boardName: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter the board’s name/);
    const first = boards[0];
    assert.ok(first);
    const confirm = await manager.get(`${settings()}/boards/${first.id}/remove`);
    assert.match(
      confirm.body,
      /Are you sure you want to remove Improvement Board from this plan\?/,
    );
    const removed = await manager.post(`${settings()}/boards/${first.id}/remove`, {
      _csrf: manager.csrf(confirm.body),
    });
    assert.equal(removed.statusCode, 303);
    boards = (await view()).boards;
    assert.deepEqual(
      boards.map((b) => b.name),
      ['Scrutiny <Committee>'],
    );
  });

  test('a save from a form opened before someone else saved is refused, showing their change', async () => {
    const other = await new WebClient(server).signIn(EMAIL, PASSWORD);
    const current = await view();
    // A opens the form; then B changes the title and saves.
    const opened = await manager.get(settings());
    const stale = {
      _csrf: manager.csrf(opened.body),
      version: manager.field(opened.body, 'version'),
      original: manager.field(opened.body, 'original'),
    };
    const saved = await other.submit(settings(), {
      ...fields({ title: 'Retitled by someone else', status: current.plan.status }),
      version: other.field((await other.get(settings())).body, 'version'),
    });
    assert.equal(saved.statusCode, 303);
    // A, from the stale form, changes only the version label.
    const mine = fields({
      title: current.plan.title,
      status: current.plan.status,
      versionLabel: 'Mine (V9)',
    });
    const refused = await manager.post(settings(), { ...stale, ...mine });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Someone else changed this/);
    assert.match(
      refused.body,
      new RegExp(
        `<th scope="row"[^>]*>Title</th>\\s*<td[^>]*>${current.plan.title}</td>\\s*<td[^>]*>Retitled by someone else</td>`,
      ),
    );
    assert.equal((await view()).plan.title, 'Retitled by someone else', 'their change stands');
    assert.notEqual((await view()).plan.versionLabel, 'Mine (V9)', 'nothing of mine was saved');
    // The form now holds their title with my version label: saving it keeps both.
    assert.equal(typed(refused.body, 'title'), 'Retitled by someone else');
    assert.equal(typed(refused.body, 'versionLabel'), 'Mine (V9)');
    const again = await manager.post(settings(), {
      ...mine,
      _csrf: manager.csrf(refused.body),
      title: typed(refused.body, 'title') ?? '',
      version: manager.field(refused.body, 'version'),
      original: manager.field(refused.body, 'original'),
    });
    assert.equal(again.statusCode, 303);
    const after = (await view()).plan;
    assert.equal(after.title, 'Retitled by someone else');
    assert.equal(after.versionLabel, 'Mine (V9)');
  });

  test('a form sent after the session ended is kept and filled in again after signing in', async () => {
    const browser = await new WebClient(server).signIn(EMAIL, PASSWORD);
    const page = await browser.get(`/plans/${planId}/recommendations/new`);
    const token = browser.field(page.body, 'token');
    const csrf = browser.csrf(page.body);
    // The session ends (signed out elsewhere) while the form is open.
    await app.transaction(async (trx) => {
      const user = await app.services.accounts.findUserByEmail(trx, EMAIL);
      assert.ok(user);
      await app.services.accounts.signOutEverywhere(trx, user.id);
    });
    assert.ok(browser.cookies.has(SESSION_COOKIE));
    const sent = await browser.post(`/plans/${planId}/recommendations/new`, {
      _csrf: csrf,
      token,
      text: 'Typed before the session ended',
    });
    assert.equal(sent.statusCode, 401);
    const signIn = await browser.post('/sign-in', {
      _csrf: browser.csrf(sent.body),
      email: EMAIL,
      password: PASSWORD,
      returnTo: `/plans/${planId}/recommendations/new`,
      pendingForm: browser.field(sent.body, 'pendingForm'),
    });
    assert.equal(signIn.statusCode, 303);
    const reopened = await browser.get(String(signIn.headers.location));
    assert.match(reopened.body, /Typed before the session ended/);
    assert.match(reopened.body, new RegExp(`name="token" value="${token}"`));
  });
});
