import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A measure's page: a plan manager adds and corrects values (the earlier one kept in the
// history), bad values are refused in the GOV.UK error pattern with nothing saved, and
// people who may only read see no form.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const LEAD = 'lead@testshire.gov.uk';
const page = () => `/plans/${planId}/measures/m1`;

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-01T09:00:00Z');
  const base = buildPlanDocument();
  const m1 = base.measures[0];
  assert.ok(m1);
  const turnover = {
    ...m1,
    id: 'm2',
    ref: 'KPI 2',
    name: 'Social worker turnover',
    direction: 'lower' as const,
    baseline: { value: 14, date: '2026-01-31', text: 'Turnover was 14% at January 2026' },
    targets: [
      {
        value: 10,
        text: 'Reduce to 10% by December 2026',
        due: parseFuzzyDate('Dec 2026'),
        lead: null,
      },
    ],
  };
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ measures: [m1, turnover] }),
    ),
  );
  app.clock.set('2026-06-15T09:00:00Z');
  const council = await councilOf(app, planId);
  await addMember(
    app,
    { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
    council,
    {
      role: 'plan-manager',
    },
  );
  await addMember(app, { email: LEAD, name: 'Service Manager', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Service Manager, Leaving Care'],
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const valueRows = (html: string) =>
  [
    ...html.matchAll(
      /<th scope="row" class="govuk-table__header">([^<]+)<\/th>\s*<td class="govuk-table__cell">([^<]+)<\/td>\s*<td class="govuk-table__cell">([^<]+)<\/td>/g,
    ),
  ].map((m) => `${m[1]} | ${m[2]} | ${m[3]}`);
const everyValue = (html: string) => valueRows(html.slice(html.indexOf('Every value')));

describe('entering a measure’s values on its page', () => {
  test('a plan manager adds a value and sees it as latest, with the impact status', async () => {
    const manager = await signedIn(MANAGER);
    const before = await manager.get(page());
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /No values recorded yet/);
    assert.match(before.body, /No data for April 2026/);
    const sent = await manager.submit(
      page(),
      { period: 'Apr-26', value: '68%' },
      `${page()}/values`,
    );
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, page());
    const after = await manager.get(page());
    assert.match(after.body, /The value has been saved/);
    assert.match(after.body, /68% for April 2026/);
    // 61% in October 2025 to 90% by July 2026: about 84% is expected by April.
    assert.match(after.body, /Off trajectory/);
    assert.deepEqual(everyValue(after.body), [
      'April 2026 | Actual | 68%',
      '2024/25 | England | 88%',
    ]);
    assert.match(after.body, /Improvement Manager, 15 June 2026 at 9:00am/);
  });

  test('suppressed values are kept as missing; a provisional value is corrected, the earlier kept', async () => {
    const manager = await signedIn(MANAGER);
    await manager.submit(page(), { period: 'May 2026', value: 'c' }, `${page()}/values`);
    let html = (await manager.get(page())).body;
    assert.ok(everyValue(html).includes('May 2026 | Actual | Not available (c)'));
    // The latest figure is still April's: a suppressed value is not a zero.
    assert.match(html, /68% for April 2026/);
    await manager.submit(
      page(),
      { period: '2026-05', value: '86', provisional: 'yes' },
      `${page()}/values`,
    );
    html = (await manager.get(page())).body;
    assert.ok(everyValue(html).includes('May 2026 | Actual | 86% (provisional)'));
    await manager.submit(page(), { period: '05/2026', value: '87.5' }, `${page()}/values`);
    html = (await manager.get(page())).body;
    const may = everyValue(html).filter((r) => r.startsWith('May 2026 | Actual'));
    assert.deepEqual(may, ['May 2026 | Actual | 87.5%']);
    const changes = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'measureValue' }),
    );
    const mayValues = changes
      .filter((c) => (c.after as { period?: string } | null)?.period === '2026-05-31')
      .map((c) => [
        (c.before as { value?: unknown } | null)?.value ?? null,
        (c.after as { value: unknown }).value,
      ]);
    assert.deepEqual(mayValues, [
      [null, null],
      [null, 86],
      [86, 87.5],
    ]);
  });

  test('bad values are refused in the GOV.UK error pattern and nothing is saved', async () => {
    const manager = await signedIn(MANAGER);
    const count = async () =>
      (await app.transaction((trx) => app.services.documents.export(trx, planId))).measureValues
        .length;
    const before = await count();
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { period: 'April 2026', value: 'seventy' },
        'value',
        'Enter the value as a number, like 68 or 68.5',
      ],
      [{ period: 'soon', value: '70' }, 'period', 'Enter the period, like April 2026'],
      [{ period: 'April 2026', value: '150' }, 'value', 'A percentage must be between 0 and 100'],
      [
        { period: 'January 2031', value: '70' },
        'period',
        'Enter a period within the plan’s time: from January 2026 to December 2028',
      ],
    ];
    for (const [form, field, words] of cases) {
      const sent = await manager.submit(page(), form, `${page()}/values`);
      assert.equal(sent.statusCode, 400, JSON.stringify(form));
      assert.match(sent.body, /There is a problem/);
      assert.ok(sent.body.includes(`href="#${field}"`), `the summary links to ${field}`);
      assert.ok(sent.body.replace(/&#39;|&rsquo;/g, '’').includes(words), words);
      // What was typed is kept.
      assert.ok(sent.body.includes(`value="${form.value}"`));
    }
    assert.equal(await count(), before);
  });

  test('lower is better: turnover under its trajectory is on track', async () => {
    const manager = await signedIn(MANAGER);
    const turnover = `/plans/${planId}/measures/m2`;
    await manager.submit(turnover, { period: 'April 2026', value: '11.5' }, `${turnover}/values`);
    const html = (await manager.get(turnover)).body;
    assert.match(html, /On or ahead of trajectory/);
    assert.match(html, /Lower is better/);
  });

  test('someone who may only read sees the values but no form, and cannot post one', async () => {
    const lead = await signedIn(LEAD);
    const html = (await lead.get(page())).body;
    assert.match(html, /87.5% for May 2026/);
    assert.doesNotMatch(html, /Add or correct a value/);
    const sent = await lead.post(`${page()}/values`, {
      _csrf: lead.csrf(html.includes('_csrf') ? html : (await lead.get('/')).body),
      period: 'June 2026',
      value: '1',
    });
    assert.equal(sent.statusCode, 403);
  });

  test('as at a past day, the values as they stood then and no form', async () => {
    const manager = await signedIn(MANAGER);
    const html = (await manager.get(`${page()}?asAt=2026-06-14`)).body;
    assert.match(html, /as it stood on 14 June 2026/);
    assert.match(html, /No values recorded yet/);
    assert.doesNotMatch(html, /Add or correct a value/);
  });

  test('a measure the plan does not have is not found', async () => {
    const manager = await signedIn(MANAGER);
    assert.equal((await manager.get(`/plans/${planId}/measures/m9`)).statusCode, 404);
  });
});
