import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { DEMO_USER, loadDemoData } from '../demo/demo-data.js';
import { formatDate } from '../lib/format.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { CHROMIUM, checkPage, launchChromium } from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from './server.js';

// The demo as a visitor meets it, in Chromium, at desktop width and on a 320 px phone: the
// demo plans open as they stood on their latest update (a banner says so, and a link leads to
// today), with the overview's summary; and, on a plan that asks for confirmation, an action
// lead proposes Green and the plan manager confirms it. On every page: axe-core, no sideways
// scrolling, and a screenshot in test-artifacts/demo-journey-<width>-<step>.png.

const PASSWORD = 'a long enough password';
const LEAD = {
  email: 'leaving-care@testshire.gov.uk',
  name: 'Leaving Care Lead',
  password: PASSWORD,
};
const MANAGER = { email: 'improvement@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD };
const PLAN_TITLE = 'Testshire Children’s Services Improvement Plan';
const BATH = /Bath and North-East Somerset; Ofsted Improvement Plan/;

/** One action for each width, so that each run has a proposal of its own to confirm. */
const ACTIONS = {
  desktop: 'Complete pathway plans for care leavers without a plan',
  phone: 'Audit the quality of pathway plans every quarter',
};

const WIDTHS = [
  { label: 'desktop', viewport: { width: 1280, height: 900 } },
  { label: 'phone', viewport: { width: 320, height: 640 } },
] as const;

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
/** The day the Bath plan opens at, as the pages write it: its latest progress update. */
let bathDay = '';

before(async () => {
  // Never skipped: without the browser this fails, so a missing Chromium cannot pass unseen.
  assert.ok(
    existsSync(CHROMIUM),
    `The demo journey needs Chromium at ${CHROMIUM} (apt-get install -y chromium); it does not skip`,
  );
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  // The demo first: it loads only into a database with no plans and no users.
  assert.equal(await loadDemoData(app), 4);
  bathDay = await app.transaction(async (trx) => {
    const plans = await app.services.plans.list(trx);
    const bath = plans.find((p) => BATH.test(p.title));
    assert.ok(bath, 'the demo has the Bath and North-East Somerset plan');
    const doc = await app.services.documents.export(trx, bath.id);
    const latest = doc.updates
      .map((u) => u.date)
      .sort()
      .at(-1);
    assert.ok(latest, 'the Bath plan has progress updates');
    assert.equal(doc.plan.openAsAt, latest, 'the Bath plan opens at its latest update');
    return formatDate(latest);
  });

  // A plan of its own, whose proposed statuses wait for the plan manager.
  const doc = buildPlanDocument();
  const [first] = doc.actions;
  assert.ok(first);
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('manager'), {
      ...doc,
      plan: { ...doc.plan, confirmStatuses: true },
      actions: [
        { ...first, text: ACTIONS.desktop },
        {
          ...first,
          id: 'a2',
          ref: '1.2',
          text: ACTIONS.phone,
          due: parseFuzzyDate('December 2026', { start: '2026-01-01', end: '2027-12-31' }),
        },
      ],
    }),
  );
  const council = await councilOf(app, planId);
  await addMember(app, LEAD, council, {
    role: 'action-lead',
    leadNames: ['Service Manager, Leaving Care'],
  });
  await addMember(app, MANAGER, council, { role: 'plan-manager' });

  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

/** Axe-core, no sideways scrolling, and a screenshot named for the width and the step. */
async function look(page: Page, width: string, step: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate<{
    scrollWidth: number;
    innerWidth: number;
  }>('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })');
  assert.ok(
    scrollWidth <= innerWidth,
    `${step} at ${width} scrolls sideways: the page is ${scrollWidth} px wide in a ${innerWidth} px window`,
  );
  await checkPage(page, `demo-journey-${width}-${step}`);
}

/** Signs in from the plan list's address; the browser comes back to the plan list. */
async function signIn(
  page: Page,
  person: { email: string; password: string },
  width: string,
  who: string,
) {
  await page.goto(`${base}/plans`);
  await page.getByLabel('Email address').waitFor();
  await look(page, width, `${who}-sign-in`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Improvement plans' }).waitFor();
}

/** The value beside a label in the action page's summary list. */
function summaryValue(page: Page, key: string) {
  return page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
    .locator('dd');
}

const successBanner = (page: Page) => page.locator('.govuk-notification-banner--success');

describe('the demo, at desktop width and at 320 px', { timeout: 180_000 }, () => {
  for (const { label: width, viewport } of WIDTHS) {
    test(`${width}: a demo plan opens as it stood on its latest update, with its summary, and today is a link away`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        await signIn(page, DEMO_USER, width, 'demo');
        await look(page, width, 'demo-plans');
        const row = page.getByRole('row').filter({ hasText: BATH });
        assert.match(await row.innerText(), new RegExp(`Shown as it stood on ${bathDay}`));
        const actionsInList = Number((await row.getByRole('cell').last().innerText()).trim());

        await row.getByRole('link', { name: BATH }).click();
        await page.getByRole('heading', { level: 1, name: BATH }).waitFor();
        const banner = page.getByRole('region', { name: 'Looking at the past' });
        assert.match(
          await banner.innerText(),
          new RegExp(`You are looking at this plan as it stood on ${bathDay}\\.`),
        );
        assert.match(page.url(), /\/plans\/[^/?]+$/, 'the banner shows on the plan’s own address');

        const summary = page.getByRole('region', { name: 'Summary' });
        const summaryText = await summary.innerText();
        // Counts by status that add up to the plan's actions, the number on the plan list.
        assert.match(summaryText, new RegExp(`${actionsInList} actions, by status:`));
        const counts = await summary.locator('.app-status-counts li').allInnerTexts();
        assert.ok(counts.length > 0, 'the summary counts actions by status');
        const sum = counts.reduce((n, c) => n + Number(/(\d+)/.exec(c)?.[1] ?? NaN), 0);
        assert.equal(sum, actionsInList, `the counts by status (${counts.join(', ')}) add up`);
        // What needs attention, on the day looked at.
        assert.match(summaryText, /(\d+|None) overdue/);
        assert.match(summaryText, /(\d+|None) due this month/);
        // What changed in the month before that day: the updates given on it.
        assert.match(summaryText, /Changes since 1 March 2018/);
        assert.match(summaryText, /\d+ new updates?/);
        await summary.screenshot({ path: `test-artifacts/demo-journey-${width}-bath-summary.png` });
        await look(page, width, 'bath-as-it-stood');

        await banner.getByRole('link', { name: 'See the plan as it is today' }).click();
        await page.waitForURL(/asAt=today/);
        await page.getByRole('heading', { level: 1, name: BATH }).waitFor();
        assert.equal(await page.getByRole('region', { name: 'Looking at the past' }).count(), 0);
        assert.doesNotMatch(await page.locator('main').innerText(), /You are looking at this plan/);
        assert.match(
          await page.getByRole('region', { name: 'Summary' }).innerText(),
          /Changes since 15 May 2026/,
        );
        await look(page, width, 'bath-today');
      } finally {
        await context.close();
      }
    });

    test(`${width}: an action lead proposes Green, and the plan manager confirms it`, async () => {
      const action = ACTIONS[width];
      const leadContext = await browser.newContext({ viewport });
      try {
        const page = await leadContext.newPage();
        await signIn(page, LEAD, width, 'lead');
        await look(page, width, 'lead-plans');
        await page.getByRole('link', { name: PLAN_TITLE }).click();
        await look(page, width, 'lead-plan');
        await page.getByRole('link', { name: action }).click();
        await look(page, width, 'lead-action');
        assert.equal((await summaryValue(page, 'Status').innerText()).trim(), 'Amber');
        await page.getByRole('link', { name: 'Give an update' }).click();
        await page.getByRole('heading', { level: 1, name: 'Give an update' }).waitFor();
        await look(page, width, 'lead-update-form');
        await page
          .getByLabel('What has happened since the last update?')
          .fill(`All 74 care leavers now have a pathway plan (${width} run).`);
        await page
          .getByRole('group', { name: 'What status do you propose?' })
          .getByLabel('Green')
          .check();
        await page.getByRole('button', { name: 'Save update' }).click();
        await successBanner(page).waitFor();
        assert.match(await successBanner(page).innerText(), /Your update has been saved/);
        assert.equal(
          (await summaryValue(page, 'Status').innerText()).trim(),
          'Amber; Green proposed, awaiting confirmation',
        );
        assert.match(
          await page.locator('main').innerText(),
          new RegExp(`All 74 care leavers now have a pathway plan \\(${width} run\\)`),
        );
        await look(page, width, 'lead-proposed');
      } finally {
        await leadContext.close();
      }

      const managerContext = await browser.newContext({ viewport });
      try {
        const page = await managerContext.newPage();
        await signIn(page, MANAGER, width, 'manager');
        await page.getByRole('link', { name: PLAN_TITLE }).click();
        const summary = page.getByRole('region', { name: 'Summary' });
        await summary.waitFor();
        await look(page, width, 'manager-plan-awaiting');
        await summary
          .getByRole('link', { name: '1 proposed status awaiting confirmation' })
          .click();
        await page
          .getByRole('heading', { level: 1, name: 'Statuses awaiting confirmation' })
          .waitFor();
        const proposal = page.getByRole('row').filter({ hasText: action });
        assert.equal(await proposal.count(), 1, 'the action lead’s proposal is listed');
        assert.match(await proposal.innerText(), /Amber\s+Green/);
        await look(page, width, 'manager-proposals');

        if (width === 'desktop') {
          // Confirmed from the list.
          await proposal.getByRole('button', { name: /^Confirm Green/ }).click();
          await successBanner(page).waitFor();
          assert.match(await successBanner(page).innerText(), /The status has been saved/);
          assert.match(
            await page.locator('main').innerText(),
            /No statuses are awaiting confirmation/,
          );
          await look(page, width, 'manager-confirmed-list');
          await page.getByRole('link', { name: 'Back to the plan' }).click();
        } else {
          // Confirmed on the action's page, where the proposal is already chosen.
          await proposal.getByRole('link', { name: /^Choose another/ }).click();
          const decision = page.getByRole('group', {
            name: 'Confirm the proposed status, or choose another',
          });
          assert.ok(await decision.getByLabel('Green').isChecked(), 'Green is chosen already');
          await look(page, width, 'manager-decide');
          await page.getByRole('button', { name: 'Save the status' }).click();
          await successBanner(page).waitFor();
          assert.match(await successBanner(page).innerText(), /The status has been saved/);
          assert.equal((await summaryValue(page, 'Status').innerText()).trim(), 'Green');
          assert.equal(await decision.count(), 0, 'nothing is left to confirm');
          await look(page, width, 'manager-confirmed-action');
          await page.getByRole('link', { name: 'Back to the plan' }).click();
        }

        // The overview: the action is Green and nothing waits.
        await summary.waitFor();
        assert.doesNotMatch(await summary.innerText(), /awaiting confirmation/);
        const row = page.getByRole('row').filter({ hasText: action });
        assert.match(await row.innerText(), /Green/);
        await look(page, width, 'manager-plan-confirmed');
        await row.getByRole('link', { name: action }).click();
        assert.equal((await summaryValue(page, 'Status').innerText()).trim(), 'Green');
        await look(page, width, 'manager-action-green');
      } finally {
        await managerContext.close();
      }
    });
  }
});
