import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { CHROMIUM, checkPage, launchChromium } from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// Measures in a real browser, at 1280 px and at 320 px: the plan's measures page, a
// measure's page with its chart and the table of its figures, this month's figures, the
// library of standard indicators and a CSV upload's preview, each axe-checked and none
// scrolling sideways. Never skipped: a missing Chromium fails it.

const PASSWORD = 'a long enough password';
const MANAGER = 'performance@eastwold.gov.uk';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
const plans: Record<number, string> = {};

function planFor(title: string) {
  const doc = buildPlanDocument();
  const m1 = doc.measures[0];
  assert.ok(m1);
  const measure = (id: string, ref: string, name: string, extra: Partial<typeof m1>) => ({
    ...m1,
    id,
    ref,
    name,
    actionIds: [],
    recommendationIds: [],
    baseline: null,
    targets: [],
    ...extra,
  });
  const value = (measureId: string, series: string, period: string, v: number | null) => ({
    id: `${measureId}-${series}-${period}`,
    measureId,
    series,
    period,
    periodLabel: null,
    value: v,
    missing: v === null ? ('c' as const) : null,
    provisional: false,
    note: null,
    source: null,
    enteredBy: null,
    enteredAt: null,
  });
  return buildPlanDocument({
    organisation: { slug: 'eastwold', name: 'Eastwold Borough Council' },
    plan: { ...doc.plan, title },
    measures: [
      measure('q1', 'Q1', 'Single assessments completed within 45 working days', {
        baseline: { value: 58, date: '2026-01-31', text: '58% in January 2026' },
        targets: [
          {
            value: 85,
            text: 'Over 85% by March 2027',
            due: parseFuzzyDate('March 2027'),
            lead: null,
          },
        ],
      }),
      measure('q2', 'Q2', 'Re-referrals within 12 months', {
        direction: 'lower',
        targets: [
          {
            value: 20,
            text: 'Below 20% by March 2027',
            due: parseFuzzyDate('March 2027'),
            lead: null,
          },
        ],
      }),
      measure('q3', 'Q3', 'Average caseload per social worker', {
        unit: 'cases',
        direction: 'range',
        rangeLow: 15,
        rangeHigh: 18,
      }),
    ],
    measureValues: [
      value('q1', 'actual', '2026-02-28', 61),
      value('q1', 'actual', '2026-03-31', 66),
      value('q1', 'actual', '2026-04-30', null),
      value('q1', 'actual', '2026-05-31', 72),
      value('q1', 'England', '2026-03-31', 82),
      value('q2', 'actual', '2026-04-30', 23),
      value('q2', 'actual', '2026-05-31', 21.5),
      value('q3', 'actual', '2026-05-31', 19),
    ],
  });
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  app = await testContext();
  app.clock.set('2026-06-12T09:00:00Z');
  for (const width of [1280, 320]) {
    plans[width] = await app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('setup'),
        planFor(`Eastwold plan (${width})`),
      ),
    );
  }
  const council = await councilOf(app, plans[1280] ?? '');
  await addMember(app, { email: MANAGER, name: 'Sam Okafor', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

async function check(page: Page, name: string) {
  await checkPage(page, name);
  const [scroll, width] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} px in ${width} px`);
}

async function journey(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  try {
    const page = await context.newPage();
    const label = `measures-${width}`;
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(MANAGER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await page.goto(`${base}/plans/${plans[width]}/measures`);
    await check(page, `${label}-list`);
    const list = await page.locator('main').innerText();
    assert.match(list, /Showing 3 of 3 measures/);
    assert.match(list, /15 cases to 18 cases/);

    await page
      .getByRole('link', { name: /Single assessments completed within 45 working days/ })
      .click();
    await check(page, `${label}-measure`);
    assert.equal(await page.locator('svg.app-chart__svg').count(), 1);
    const figures = page.getByRole('table', { name: 'Figures behind the chart' });
    assert.match(await figures.innerText(), /May 2026/);
    assert.match(await figures.innerText(), /72%/);

    await page.goto(`${base}/plans/${plans[width]}/figures`);
    await check(page, `${label}-figures`);
    assert.match(await page.locator('main').innerText(), /Enter figures for May 2026/);

    await page.goto(`${base}/plans/${plans[width]}/indicators`);
    await check(page, `${label}-library`);

    await page.goto(`${base}/plans/${plans[width]}/measures`);
    await page.getByRole('link', { name: 'Upload values from a CSV file' }).click();
    await check(page, `${label}-upload`);
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'june-figures.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'measure,period,value,note\r\nQ1,Jun-26,74,\r\nQ2,June 2026,twenty,\r\nQ3,2026-06,c,Too few to publish\r\n',
      ),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByText('Check the values in june-figures.csv').waitFor();
    await check(page, `${label}-preview`);
    const problems = await page
      .getByRole('table', { name: 'Problems in the file, by line' })
      .innerText();
    assert.match(problems, /3\s+value\s+“twenty” is not a number/);
    await page.getByRole('button', { name: 'Save 2 values' }).click();
    await page.getByText('The values from the file have been saved').waitFor();
    await check(page, `${label}-saved`);
  } finally {
    await context.close();
  }
}

describe('measures in a browser', () => {
  test('at 1280 px', () => journey(1280));
  test('at 320 px', () => journey(320));
});
