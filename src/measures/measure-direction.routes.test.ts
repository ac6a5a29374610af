import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Higher-is-better, lower-is-better and within-a-range measures made through the measure
// form, given figures, and judged on the measures page: each status follows its direction.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-10T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ measures: [], measureValues: [] }),
    ),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Performance Lead', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const plan = (path = '') => `/plans/${planId}${path}`;
const measures = async () =>
  (await app.transaction((trx) => app.services.documents.export(trx, planId))).measures;

/** Each row of the measures page: name, latest value, target, impact. */
const rows = (html: string) =>
  [
    ...html.matchAll(
      /<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]+">([^<]+)<\/a>[\s\S]*?<td class="govuk-table__cell">([^<]*)<\/td>\s*<td class="govuk-table__cell">([^<]*)<\/td>\s*<td class="govuk-table__cell"><strong class="govuk-tag[^"]*">([^<]+)<\/strong>/g,
    ),
  ].map((m) => `${m[1]} | ${m[2]} | ${m[3]} | ${m[4]}`);

describe('which way is better', () => {
  let manager: WebClient;
  before(async () => {
    manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
  });

  test('a range needs both ends, in order; higher or lower clears it', async () => {
    const missing = await manager.submit(plan('/measures/new'), {
      name: 'Average caseload',
      unit: 'cases',
      direction: 'range',
      rangeLow: '18',
      rangeHigh: 'fifteen',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter the highest value of the range as a number, like 18/);
    const backwards = await manager.submit(plan('/measures/new'), {
      name: 'Average caseload',
      unit: 'cases',
      direction: 'range',
      rangeLow: '18',
      rangeHigh: '15',
    });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /The highest value of the range must not be below the lowest/);
    assert.deepEqual(await measures(), []);
  });

  test('each direction is judged its own way from the same kind of figures', async () => {
    const made: Array<Record<string, string>> = [
      {
        ref: 'C1',
        name: 'Average caseload',
        unit: 'cases',
        direction: 'range',
        rangeLow: '15',
        rangeHigh: '18',
      },
      {
        ref: 'C2',
        name: 'Agency rate',
        unit: '%',
        direction: 'range',
        rangeLow: '5',
        rangeHigh: '10',
      },
      {
        ref: 'T1',
        name: 'Staff turnover',
        unit: '%',
        direction: 'lower',
        rangeLow: '1',
        targets: 'Below 12% by March 2027',
      },
      {
        ref: 'T2',
        name: 'Vacancy rate',
        unit: '%',
        direction: 'lower',
        targets: 'Below 12% by March 2027',
      },
      {
        ref: 'A1',
        name: 'Assessments on time',
        unit: '%',
        direction: 'higher',
        targets: 'Over 80% by March 2027',
      },
      {
        ref: 'A2',
        name: 'Visits on time',
        unit: '%',
        direction: 'higher',
        targets: 'Over 80% by March 2027',
      },
    ];
    for (const m of made) {
      const saved = await manager.submit(plan('/measures/new'), m);
      assert.equal(saved.statusCode, 303, m.name);
    }
    const turnover = (await measures()).find((m) => m.ref === 'T1');
    // A range typed beside another direction is not kept.
    assert.deepEqual([turnover?.rangeLow, turnover?.rangeHigh], [null, null]);
    const form = await manager.get(plan('/measure-uploads'));
    const sent = await manager.upload(plan('/measure-uploads'), {
      _csrf: manager.csrf(form.body),
      file: [
        {
          name: 'may.csv',
          bytes: new TextEncoder().encode(
            [
              'measure,period,value',
              'C1,May-26,16',
              'C2,May-26,14',
              'T1,May-26,9',
              'T2,May-26,15',
              'A1,May-26,85',
              'A2,May-26,60',
            ].join('\n'),
          ),
        },
      ],
    });
    const preview = await manager.get(String(sent.headers.location));
    await manager.post(String(sent.headers.location), { _csrf: manager.csrf(preview.body) });
    const page = await manager.get(plan('/measures'));
    assert.deepEqual(rows(page.body), [
      'C1: Average caseload | 16 cases (May 2026) | 15 cases to 18 cases | On or ahead of trajectory',
      'C2: Agency rate | 14% (May 2026) | 5% to 10% | Off trajectory',
      'T1: Staff turnover | 9% (May 2026) | 12% | On or ahead of trajectory',
      'T2: Vacancy rate | 15% (May 2026) | 12% | Off trajectory',
      'A1: Assessments on time | 85% (May 2026) | 80% | On or ahead of trajectory',
      'A2: Visits on time | 60% (May 2026) | 80% | Off trajectory',
    ]);
    const caseload = (await measures()).find((m) => m.ref === 'C1');
    const measurePage = await manager.get(plan(`/measures/${caseload?.id ?? ''}`));
    assert.match(measurePage.body, /Between 15 cases and 18 cases/);
    const edit = await manager.get(plan(`/measures/${caseload?.id ?? ''}/edit`));
    assert.match(edit.body, /name="rangeLow" type="text" spellcheck="false" value="15"/);
  });
});
