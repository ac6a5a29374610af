import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// Uploading a CSV file of values on the plan's measures page: a preview with every row's
// problems (line and column), nothing saved until the person confirms, the valid rows saved
// once however often the confirmation is sent, and a provisional value later corrected
// keeping both in the history.

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
  const rereferrals = {
    ...m1,
    id: 'm2',
    ref: 'KPI 2',
    name: 'Re-referrals within 12 months',
    direction: 'lower' as const,
    recommendationIds: [],
    actionIds: [],
    baseline: { value: 24, date: '2026-01-31', text: null },
    targets: [{ value: 20, text: 'Below 20%', due: parseFuzzyDate('Dec 2026'), lead: null }],
  };
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ measures: [m1, rereferrals] }),
    ),
  );
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
const uploads = () => `/plans/${planId}/measure-uploads`;
const csv = (...lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));
const actuals = async () =>
  (await app.transaction((trx) => app.services.documents.export(trx, planId))).measureValues
    .filter((v) => v.series === 'actual')
    .map((v) => `${v.measureId} ${v.period} ${v.value ?? v.missing}${v.provisional ? ' p' : ''}`)
    .sort();
const cells = (html: string, caption: string) => {
  const table = html.slice(html.indexOf(caption));
  const body = table.slice(table.indexOf('<tbody'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td class="govuk-table__cell">([^<]*)<\/td>/g)]
      .map((c) => c[1])
      .join(' | '),
  );
};

async function upload(client: WebClient, bytes: Uint8Array, name = 'values.csv') {
  const form = await client.get(uploads());
  assert.equal(form.statusCode, 200);
  return client.upload(uploads(), { _csrf: client.csrf(form.body), file: [{ name, bytes }] });
}

describe('uploading values from a CSV file', () => {
  test('the measures page offers the upload to a plan manager, not to a viewer', async () => {
    const manager = await signedIn(MANAGER);
    assert.match(
      (await manager.get(`/plans/${planId}/measures`)).body,
      /Upload values from a CSV file/,
    );
    const viewer = await signedIn(VIEWER);
    assert.doesNotMatch((await viewer.get(`/plans/${planId}/measures`)).body, /Upload values/);
    assert.equal((await viewer.get(uploads())).statusCode, 403);
  });

  test('the preview lists each problem by line and column and saves nothing until confirmed', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await upload(
      manager,
      csv(
        'measure,period,value,provisional,note',
        'KPI 2,Apr-26,23,yes,Early count',
        'Care leavers with a pathway plan,2026-04,71,,',
        'Care leavers with a pathway plan,May 2026,107,,',
        'KPI 9,May 2026,5,,',
        'KPI 2,May-26,x,,Suppressed: small numbers',
        'KPI 2,Q1 2026/27,lots,,',
      ),
    );
    assert.equal(sent.statusCode, 303);
    const href = sent.headers.location;
    assert.ok(typeof href === 'string');
    const preview = (await manager.get(href)).body;
    assert.match(
      preview,
      /3 rows can be saved. 3 problems were found. Nothing has been saved yet./,
    );
    assert.deepEqual(cells(preview, 'Problems in the file'), [
      '4 | value | A percentage must be between 0 and 100',
      '5 | measure | There is no measure “KPI 9” in this plan: use a measure’s reference or its name exactly as the plan has it',
      '7 | value | “lots” is not a number: enter a number like 68 or 68.5, or x, c, .. or n/a when it is suppressed or not available',
    ]);
    assert.deepEqual(cells(preview, 'Values in the file'), [
      '2 | Re-referrals within 12 months | April 2026 | Actual | 23% (provisional) | Early count | Adds a value',
      '3 | Care leavers with a pathway plan | April 2026 | Actual | 71% |  | Adds a value',
      '6 | Re-referrals within 12 months | May 2026 | Actual | Not available (x) | Suppressed: small numbers | Adds a value',
    ]);
    assert.deepEqual(await actuals(), []);

    const form = await manager.get(href);
    const saved = await manager.post(href, { _csrf: manager.csrf(form.body) });
    assert.equal(saved.statusCode, 303);
    const after = (await manager.get(href)).body;
    assert.match(after, /The values from the file have been saved/);
    assert.match(after, /3 values were saved from this file/);
    assert.deepEqual(await actuals(), [
      'm1 2026-04-30 71',
      'm2 2026-04-30 23 p',
      'm2 2026-05-31 x',
    ]);
    // Sent again (a double click, the back button): saved once.
    const again = await manager.post(href, { _csrf: manager.csrf(form.body) });
    assert.equal(again.statusCode, 303);
    assert.equal((await actuals()).length, 3);
    const measure = (await manager.get(`/plans/${planId}/measures/m2`)).body;
    assert.match(measure, /23% \(provisional\)/);
  });

  test('a provisional value later corrected by a second file keeps both in the history', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await upload(manager, csv('measure,period,value', 'KPI 2,2026-04,21.5'));
    const href = sent.headers.location;
    assert.ok(typeof href === 'string');
    const preview = await manager.get(href);
    assert.deepEqual(cells(preview.body, 'Values in the file'), [
      '2 | Re-referrals within 12 months | April 2026 | Actual | 21.5% |  | Corrects 23% (provisional)',
    ]);
    await manager.post(href, { _csrf: manager.csrf(preview.body) });
    assert.ok((await actuals()).includes('m2 2026-04-30 21.5'));
    const changes = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'measureValue' }),
    );
    const april = changes
      .filter((c) => {
        const after = c.after as { measureId?: string; period?: string } | null;
        return after?.measureId === 'm2' && after.period === '2026-04-30';
      })
      .map((c) => {
        const b = c.before as { value?: number; provisional?: boolean } | null;
        const a = c.after as { value: number; provisional: boolean };
        return [
          b ? `${b.value}${b.provisional ? ' p' : ''}` : null,
          `${a.value}${a.provisional ? ' p' : ''}`,
        ];
      });
    assert.deepEqual(april, [
      [null, '23 p'],
      ['23 p', '21.5'],
    ]);
  });

  test('a file with the wrong header offers nothing to save; no file, or not CSV, is said on the form', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await upload(manager, csv('indicator,month,figure', 'KPI 2,Apr-26,20'));
    const href = sent.headers.location;
    assert.ok(typeof href === 'string');
    const preview = (await manager.get(href)).body;
    assert.match(preview, /0 rows can be saved/);
    const problems = cells(preview, 'Problems in the file');
    assert.ok(problems[0]?.startsWith('1 | indicator | The column “indicator” is not one'));
    assert.ok(
      problems.includes(
        '1 | measure | The first row must name a “measure” column: the header is measure,period,value',
      ),
    );
    assert.doesNotMatch(preview, /Save 0 values/);
    assert.match(preview, /No row can be saved/);

    const form = await manager.get(uploads());
    const none = await manager.upload(uploads(), { _csrf: manager.csrf(form.body) });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /There is a problem/);
    assert.match(none.body, /Select a CSV file of values/);
    const unclosed = await upload(manager, csv('measure,period,value', '"KPI 2,Apr-26,20'));
    assert.equal(unclosed.statusCode, 400);
    assert.match(
      unclosed.body,
      /could not be read as CSV: check that quotes around cells are closed/,
    );
  });

  test('a plan changed between the preview and the confirmation saves nothing and says so', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await upload(manager, csv('measure,period,value', 'KPI 2,Jan-26,30'));
    const href = String(sent.headers.location);
    const preview = await manager.get(href);
    assert.match(preview.body, /1 row can be saved/);
    // Meanwhile the plan's period moves on, so January 2026 is outside it.
    await app.transaction((trx) =>
      app.services.plans.update(trx, app.changeBy('someone else'), planId, {
        periodStart: '2026-03-01',
      }),
    );
    const refused = await manager.post(href, { _csrf: manager.csrf(preview.body) });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /There is a problem/);
    assert.match(
      refused.body,
      /The plan changed since this file was checked, so nothing was saved/,
    );
    assert.ok(!(await actuals()).some((v) => v.startsWith('m2 2026-01-31')));
    await app.transaction((trx) =>
      app.services.plans.update(trx, app.changeBy('someone else'), planId, {
        periodStart: '2026-01-01',
      }),
    );
  });

  test('someone else’s upload, or one that does not exist, is not found', async () => {
    const manager = await signedIn(MANAGER);
    const sent = await upload(manager, csv('measure,period,value', 'KPI 2,Jun-26,19'));
    const href = sent.headers.location;
    assert.ok(typeof href === 'string');
    await addMember(
      app,
      { email: 'second@testshire.gov.uk', name: 'Second Manager', password: PASSWORD },
      await councilOf(app, planId),
      { role: 'plan-manager' },
    );
    const other = await signedIn('second@testshire.gov.uk');
    assert.equal((await other.get(href)).statusCode, 404);
    assert.equal((await manager.get(`${uploads()}/not-an-upload`)).statusCode, 404);
  });
});
