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

// The status rules in a real browser: a plan manager filters the overview on disagreements
// and slippage, reads an action's story, the list awaiting confirmation, and is asked for the
// reason when moving a due date. Every page is axe-checked, at 1280 px and at 320 px (no
// sideways scrolling). Never skipped: a missing Chromium fails it.

const PASSWORD = 'a long enough password';
const MANAGER = 'performance@eastmere.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
let planId = '';

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  app = await testContext();
  app.clock.set('2026-02-01T09:00:00Z');
  const doc = buildPlanDocument();
  const first = doc.actions[0];
  assert.ok(first);
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'eastmere', name: 'Eastmere Borough Council' },
        plan: { ...doc.plan, title: 'Eastmere plan', confirmStatuses: true },
        actions: [
          {
            ...first,
            id: 'a1',
            text: 'Recruit two IROs',
            due: parseFuzzyDate('End March 2026', period),
          },
          {
            ...first,
            id: 'a2',
            ref: '1.2',
            text: 'Audit case files',
            due: parseFuzzyDate('Quarterly', period),
          },
        ],
      }),
    ),
  );
  await addMember(
    app,
    { email: MANAGER, name: 'Sam Okafor', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'plan-manager',
    },
  );
  // The due date slips once, then an update after it proposes Green with no evidence.
  app.clock.set('2026-03-20T09:00:00Z');
  await app.transaction((trx) =>
    app.services.content.update(
      trx,
      app.changeBy('Sam Okafor', 'Two candidates withdrew'),
      planId,
      'action',
      'a1',
      {
        due: 'End April 2026',
      },
    ),
  );
  app.clock.set('2026-05-10T09:00:00Z');
  await app.transaction((trx) =>
    app.services.updates.add(
      trx,
      app.changeBy('Lead'),
      planId,
      {
        actionId: 'a1',
        date: '2026-05-10',
        author: 'Service Manager',
        text: 'Both posts filled.',
        proposedStatus: 'GREEN',
        evidence: [],
      },
      null,
    ),
  );
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
    const label = `status-rules-${width}`;
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(MANAGER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await page.goto(`${base}/plans/${planId}`);
    await check(page, `${label}-overview`);
    assert.match(await page.innerText('main'), /No update this quarter/);
    await page.getByLabel('Proposed and suggested status disagree').check();
    await page.getByRole('button', { name: 'Filter actions' }).click();
    await page.waitForURL(/disagree=yes/);
    const filtered = await page.innerText('main');
    assert.match(filtered, /Showing 1 of 2 actions/);
    assert.match(filtered, /Proposed Green, but due 30 April 2026 and no completion evidence/);
    assert.match(filtered, /Slipped once, by 1 month in all/);
    await check(page, `${label}-disagree`);

    await page.getByRole('link', { name: 'Recruit two IROs' }).click();
    const story = await page.innerText('main');
    assert.match(story, /Slipped once, by 1 month in all: originally 31 March 2026/);
    assert.match(story, /Two candidates withdrew/);
    assert.match(story, /The status rules suggest\s+Red/);
    await check(page, `${label}-action`);

    await page.goto(`${base}/plans/${planId}/proposals`);
    assert.match(await page.innerText('main'), /Suggested: Red/);
    await check(page, `${label}-proposals`);

    await page.goto(`${base}/plans/${planId}/actions/a1/edit`);
    await page.getByLabel('Due date', { exact: true }).fill('End June 2026');
    await page.getByRole('button', { name: 'Save changes' }).click();
    assert.match(
      await page.innerText('.govuk-error-summary'),
      /Enter the reason for the change to the due date/,
    );
    await check(page, `${label}-edit-refused`);
  } finally {
    await context.close();
  }
}

describe('status rules in a browser', () => {
  test('at 1280 px', () => journey(1280));
  test('at 320 px', () => journey(320));
});
