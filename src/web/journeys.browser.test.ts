import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  checkPage,
  checkPageWithoutScripts,
  chromiumAvailable,
  launchChromium,
} from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from './server.js';

// Real-browser journeys: the system Chromium driven by playwright-core, with an
// accessibility check (axe-core) on every page visited. Screenshots go to
// test-artifacts/ for a person to look at (not committed).

const available = chromiumAvailable();

const EMAIL = 'lead@testshire.gov.uk';
const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';

before(async () => {
  if (!available) return;
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('manager'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Service Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  if (!available) return;
  await browser.close();
  await server.close();
  await app.close();
});

type Check = (page: Page, name: string) => Promise<void>;

/**
 * The journey, with `check` on every page: checkPage (axe-core and a screenshot), or with
 * JavaScript disabled checkPageWithoutScripts (the screenshot only: axe-core is a script
 * in the page; the same pages are checked in the JavaScript journey).
 */
async function journey(page: Page, label: string, check: Check) {
  await page.goto(`${base}/plans`);
  await check(page, `${label}-sign-in`);
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await check(page, `${label}-plans`);
  await page.getByRole('link', { name: /Testshire Children’s Services Improvement Plan/ }).click();
  await page.getByLabel('Overdue only').check();
  await page.getByRole('button', { name: 'Filter actions' }).click();
  assert.match(page.url(), /overdue=yes/);
  await check(page, `${label}-plan-overdue`);
  await page
    .getByRole('link', { name: 'Complete pathway plans for care leavers without a plan' })
    .click();
  await check(page, `${label}-action`);
  await page.getByRole('link', { name: 'Give an update' }).click();
  await check(page, `${label}-update-form`);
  await page
    .getByLabel('What has happened since the last update?')
    .fill(`Update from ${label}: 62 of 74 care leavers have a plan.`);
  await page.getByLabel('Amber').check();
  await page
    .getByLabel('Link to evidence (optional)')
    .fill('https://files.testshire.gov.uk/audit.pdf');
  await page.getByRole('button', { name: 'Save update' }).click();
  await page.getByText(`Update from ${label}: 62 of 74 care leavers have a plan.`).waitFor();
  await check(page, `${label}-action-updated`);
  await page.getByRole('link', { name: /Change this action/ }).click();
  await check(page, `${label}-action-edit`);
  // Still in the past on the test's clock, so the action stays overdue for the next journey.
  await page
    .getByLabel('Due date', { exact: true })
    .fill(`End ${label === 'js' ? 'May' : 'April'} 2026`);
  await page
    .getByLabel('Reason for the change to the due date')
    .fill('The audit team started later than planned');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('cell', { name: /Changed .*due/ })
    .first()
    .waitFor();
  assert.match(
    await page.content(),
    new RegExp(`by ${label === 'js' ? '31 May' : '30 April'} 2026`),
  );
  await check(page, `${label}-action-history`);
}

describe(
  'browser journeys',
  { timeout: 120_000, skip: available ? false : `${CHROMIUM} is not installed` },
  () => {
    test('sign in, find my overdue action, give an update with evidence, change its due date, see the history', async () => {
      const context = await browser.newContext();
      await journey(await context.newPage(), 'js', checkPage);
      await context.close();
    });

    test('the same journey works with JavaScript disabled', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        await journey(await context.newPage(), 'no-js', checkPageWithoutScripts);
      } finally {
        await context.close();
      }
    });
  },
);
