import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// "This month's figures" (one field per measure, saved together or not at all) and the
// plan's measures page: latest value, target, impact, trend, comparator; filters; CSV.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const VIEWER = 'adviser@testshire.gov.uk';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-10T09:00:00Z');
  const base = buildPlanDocument();
  const m1 = base.measures[0];
  assert.ok(m1);
  const turnover = {
    ...m1,
    id: 'm2',
    ref: 'KPI 2',
    name: 'Social worker turnover',
    direction: 'lower' as const,
    recommendationIds: [],
    actionIds: [],
    baseline: { value: 14, date: '2026-01-31', text: null },
    targets: [{ value: 10, text: 'Reduce to 10%', due: parseFuzzyDate('Dec 2026'), lead: null }],
  };
  const caseloads = {
    ...turnover,
    id: 'm3',
    ref: 'KPI 3',
    name: 'Average caseload per social worker',
    unit: 'cases',
    direction: 'range' as const,
    rangeLow: 15,
    rangeHigh: 20,
    baseline: null,
    targets: [],
  };
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ measures: [m1, turnover, caseloads] }),
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
  await addMember(app, { email: VIEWER, name: 'DfE Adviser', password: PASSWORD }, council, {
    role: 'viewer',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const figures = () => `/plans/${planId}/figures`;
const stored = async () =>
  (await app.transaction((trx) => app.services.documents.export(trx, planId))).measureValues.filter(
    (v) => v.series === 'actual',
  ).length;

describe('this month’s figures', () => {
  test('offers one field per measure for last month', async () => {
    const manager = await signedIn(MANAGER);
    const html = (await manager.get(figures())).body;
    assert.match(html, /Enter figures for May 2026/);
    for (const name of [
      'Care leavers with a pathway plan',
      'KPI 2: Social worker turnover',
      'KPI 3: Average caseload per social worker',
    ]) {
      assert.ok(html.includes(name), name);
    }
  });

  test('one wrong figure refuses them all, each problem named with its measure', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await manager.submit(figures(), {
      period: 'May 2026',
      'v-m1': 'about 70',
      'v-m2': '150',
      'v-m3': '18',
    });
    assert.equal(sent.statusCode, 400);
    assert.ok(sent.body.includes('href="#v-m1"'));
    assert.match(sent.body, /Care leavers with a pathway plan: Enter the value as a number/);
    assert.match(sent.body, /Social worker turnover: A percentage must be between 0 and 100/);
    assert.ok(sent.body.includes('value="18"'), 'what was typed is kept');
    assert.equal(await stored(), 0);
  });

  test('saves every figure given in one go, suppressed ones as missing', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await manager.submit(figures(), {
      period: 'May 2026',
      'v-m1': '72',
      'v-m2': 'x',
      'v-m3': '23',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/plans/${planId}/measures`);
    const list = (await manager.get(`/plans/${planId}/measures`)).body;
    assert.match(list, /The figures have been saved/);
    assert.match(list, /72% \(May 2026\)/);
    assert.match(list, /23 cases \(May 2026\)/);
    assert.equal(await stored(), 3);
    // Shown again, the period's figures are filled in.
    const again = (await manager.get(`${figures()}?period=2026-05`)).body;
    assert.ok(again.includes('value="72"') && again.includes('value="x"'));
  });
});

describe('the plan’s measures page', () => {
  test('filters by impact status and by recommendation', async () => {
    const viewer = await signedIn(VIEWER);
    const all = (await viewer.get(`/plans/${planId}/measures`)).body;
    assert.match(all, /Showing 3 of 3 measures/);
    assert.doesNotMatch(all, /Enter this month’s figures/, 'a viewer is not offered the figures');
    const off = (await viewer.get(`/plans/${planId}/measures?status=off-track`)).body;
    assert.match(off, /Showing 2 of 3 measures/); // 72% against about 86%; 23 outside 15 to 20
    assert.ok(off.includes('Average caseload') && off.includes('Care leavers'));
    const noData = (await viewer.get(`/plans/${planId}/measures?status=no-data`)).body;
    assert.match(noData, /Showing 1 of 3 measures/);
    assert.match(noData, /Social worker turnover/);
    const rec = (await viewer.get(`/plans/${planId}/measures?recommendation=r1`)).body;
    assert.match(rec, /Showing 1 of 3 measures/);
    assert.match(rec, /England: 88% \(2024\/25\)/);
  });

  test('downloads the same rows as CSV', async () => {
    const viewer = await signedIn(VIEWER);
    const res = await viewer.get(`/plans/${planId}/measures.csv?status=off-track`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const rows = parse<Record<string, string>>(res.body, { bom: true, columns: true });
    assert.deepEqual(
      rows.map((r) => [r.Measure, r['Latest value'], r['Impact status']]),
      [
        ['Care leavers with a pathway plan', '72', 'Off trajectory'],
        ['Average caseload per social worker', '23', 'Off trajectory'],
      ],
    );
  });

  test('as at a past day, the figures entered later are not there', async () => {
    const viewer = await signedIn(VIEWER);
    const html = (await viewer.get(`/plans/${planId}/measures?asAt=2026-06-12`)).body;
    assert.match(html, /as it stood on 12 June 2026/);
    assert.match(html, /Showing 3 of 3 measures/);
    assert.doesNotMatch(html, /72%/);
  });

  test('a viewer cannot open the figures page', async () => {
    const viewer = await signedIn(VIEWER);
    assert.equal((await viewer.get(figures())).statusCode, 403);
  });
});
