import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import excerpt from '../demo/bristol-improvement-plan.json' with { type: 'json' };
import { CHROMIUM, checkPage, launchChromium } from '../test-support/browser.js';
import { addMember } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// A plan manager records Cabinet's approval of the plan in a real browser: from the
// published packs to the versions page, the form's messages for what is missing or wrong,
// then the approval recorded and the version listed; a viewer sees the list but no form.
// Every page is checked with axe-core at 1280 px and 320 px.

const MANAGER = 'versions.manager@bristol.gov.uk';
const VIEWER = 'versions.viewer@bristol.gov.uk';
const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
let planId = '';

before(async () => {
  // Never skipped: without the browser this fails.
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  app = await testContext();
  app.clock.set('2026-01-20T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('demo data'), excerpt),
  );
  app.clock.set('2026-02-04T09:00:00Z');
  const scope = (await app.transaction((trx) => app.services.plans.scope(trx, planId)))!;
  await addMember(
    app,
    { email: MANAGER, name: 'Versions Manager', password: PASSWORD },
    scope.organisationId,
    { role: 'plan-manager' },
  );
  await addMember(
    app,
    { email: VIEWER, name: 'Board Member', password: PASSWORD },
    scope.organisationId,
    { role: 'viewer' },
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

async function checkBoth(page: Page, name: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await checkPage(page, `plan-versions-${name}-${width}`);
    const wide = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(wide, false, `${name} scrolls sideways at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

test('a plan manager records an approval, with messages for what is missing or wrong', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, MANAGER);
  await page.goto(`${base}/plans/${planId}/packs`);
  await page.getByRole('link', { name: 'Approved versions of the plan' }).click();
  await page.getByRole('heading', { name: 'Versions of the plan' }).waitFor();
  assert.match(await page.locator('main').innerText(), /No approved versions have been recorded/);
  await checkBoth(page, 'empty');

  // Nothing typed: each field says what to enter, in the summary and beside it.
  await page.getByRole('button', { name: 'Record the approval' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Enter the version’s name, like Final Draft \(V7\)/);
  assert.match(summary, /Enter who approved it, like Cabinet/);
  assert.match(summary, /Enter the date it was approved, like 3 2 2015/);
  assert.match(await page.title(), /^Error: /);
  await checkBoth(page, 'missing');

  // A date that is not real, then one still to come; what was typed is kept.
  await page.getByLabel('Version’s name').fill('Final Draft (V7)');
  await page.getByLabel('Approved by').fill('Cabinet');
  await page.getByLabel('Day').fill('30');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Record the approval' }).click();
  await page
    .getByText('The date it was approved must be a real date, like 3 2 2015')
    .first()
    .waitFor();
  assert.equal(await page.getByLabel('Version’s name').inputValue(), 'Final Draft (V7)');
  await page.getByLabel('Day').fill('5');
  await page.getByRole('button', { name: 'Record the approval' }).click();
  await page
    .getByText('The date it was approved must be today (4 February 2026) or earlier')
    .first()
    .waitFor();
  await checkBoth(page, 'future');

  await page.getByLabel('Day').fill('3');
  await page.getByRole('button', { name: 'Record the approval' }).click();
  await page.getByText('The approval has been recorded').waitFor();
  const listed = await page.locator('main table').innerText();
  assert.match(listed, /Final Draft \(V7\)/);
  assert.match(listed, /Cabinet, 3 February 2026/);
  assert.match(listed, /by versions\.manager@bristol\.gov\.uk/, 'who recorded it');
  await checkBoth(page, 'recorded');

  // The same name again is refused.
  await page.getByLabel('Version’s name').fill('final draft (v7)');
  await page.getByLabel('Approved by').fill('Cabinet');
  await page.getByLabel('Day').fill('3');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Record the approval' }).click();
  await page.getByText('This plan already has a version called final draft (v7)').first().waitFor();
  await context.close();

  const versions = await app.transaction((trx) => app.services.versions.list(trx, planId));
  assert.deepEqual(
    versions.map((v) => [v.name, v.approvedBy, v.approvedOn]),
    [['Final Draft (V7)', 'Cabinet', '2026-02-03']],
    'one version recorded, nothing half-written',
  );
});

test('a board member sees the versions but no form', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, VIEWER);
  await page.goto(`${base}/plans/${planId}/versions`);
  await page.getByRole('heading', { name: 'Versions of the plan' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Final Draft \(V7\)/);
  assert.equal(await page.getByRole('button', { name: 'Record the approval' }).count(), 0);
  await checkBoth(page, 'viewer');
  await context.close();
});
