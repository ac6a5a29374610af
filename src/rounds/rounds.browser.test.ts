import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import {
  CHROMIUM,
  checkPage,
  checkPageWithoutScripts,
  launchChromium,
} from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// A round in a real browser: a plan manager opens it, a lead (through the role they hold)
// gives an update on each of their actions on one page, the manager sees them counted.
// Every page is axe-checked and must not scroll sideways, at 1280 px and at 320 px; the
// lead's page is also used with JavaScript off. Never skipped: a missing Chromium fails it.

const PASSWORD = 'a long enough password';
const MANAGER = 'performance@southbridge.gov.uk';
const LEAD = 'j.adeyemi@southbridge.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
const plans: Record<string, string> = {};

function planFor(title: string) {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, text: string) => ({
    ...first,
    id,
    ref,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('End November 2026', period),
    status: 'AMBER',
  });
  return buildPlanDocument({
    organisation: { slug: 'southbridge', name: 'Southbridge City Council' },
    plan: { ...base.plan, title },
    actions: [
      action(
        'b1',
        '4.1',
        'Head of Service, Children in Care',
        'Reduce caseloads of social workers in the children in care teams to an average of eighteen',
      ),
      action(
        'b2',
        '4.2',
        'Head of Service, Children in Care',
        'Make sure every child in care has an up-to-date care plan reviewed by their IRO',
      ),
      action('b3', '4.3', 'Virtual School Head', 'Track personal education plans each term'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  app = await testContext();
  app.clock.set('2026-10-01T09:00:00Z');
  for (const key of ['desktop', 'phone', 'no-js']) {
    plans[key] = await app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('setup'),
        planFor(`Southbridge plan (${key})`),
      ),
    );
  }
  const council = await councilOf(app, plans.desktop ?? '');
  await addMember(app, { email: MANAGER, name: 'Alex Morgan', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: LEAD, name: 'Jide Adeyemi', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Head of Service, Children in Care'],
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

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** axe-core finds nothing (with scripts), and the page is no wider than the window. */
async function check(page: Page, name: string, scripts: boolean) {
  if (scripts) await checkPage(page, name);
  else await checkPageWithoutScripts(page, name);
  const [scroll, width] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} px in ${width} px`);
}

async function journey(key: string, width: number, scripts: boolean) {
  const planTitle = `Southbridge plan (${key})`;
  const options = { viewport: { width, height: 900 }, javaScriptEnabled: scripts };
  const context = await browser.newContext(options);
  const leadContext = await browser.newContext(options);
  try {
    let page = await context.newPage();
    const label = `round-${key}`;
    // The manager opens the round.
    await signIn(page, MANAGER);
    await page.goto(`${base}/plans`);
    await page.getByRole('link', { name: planTitle }).click();
    await page.getByRole('link', { name: 'Update rounds' }).click();
    await check(page, `${label}-rounds`, scripts);
    await page.getByRole('button', { name: 'Open an update round' }).click();
    await check(page, `${label}-new`, scripts);
    await page
      .getByLabel('Name of the round')
      .fill('October 2026 update, for the Improvement Board');
    await page.getByLabel('Day').fill('16');
    await page.getByLabel('Month').fill('10');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByText('The update round is open').waitFor();
    await check(page, `${label}-opened`, scripts);
    await page
      .getByRole('link', { name: 'October 2026 update, for the Improvement Board' })
      .click();
    await check(page, `${label}-round`, scripts);
    assert.match(await page.locator('main').innerText(), /0 of 3 actions/);
    const managerPage = page;
    page = await leadContext.newPage();
    // The lead finds the round from the plan and updates both their actions on one page.
    await signIn(page, LEAD);
    await page.goto(`${base}/plans`);
    await page.getByRole('link', { name: planTitle }).click();
    await check(page, `${label}-overview-lead`, scripts);
    await page
      .getByRole('link', {
        name: 'Your updates for October 2026 update, for the Improvement Board',
      })
      .click();
    await check(page, `${label}-my-updates`, scripts);
    assert.doesNotMatch(await page.locator('main').innerText(), /Track personal education plans/);
    await page
      .getByLabel('What has happened since the last update on Action 4.1?')
      .fill('Average caseload is now 19.5, down from 23.');
    await page
      .getByRole('group', { name: 'Status you propose for Action 4.1' })
      .getByLabel('Amber')
      .check();
    // A problem first: a changed status without words.
    await page
      .getByRole('group', { name: 'Status you propose for Action 4.2' })
      .getByLabel('Green')
      .check();
    await page.getByRole('button', { name: 'Save your updates' }).last().click();
    await page.getByText('There is a problem').waitFor();
    await check(page, `${label}-my-updates-error`, scripts);
    await page
      .getByRole('link', { name: 'Enter what has happened since the last update on Action 4.2' })
      .click();
    await page
      .getByLabel('What has happened since the last update on Action 4.2?')
      .fill('Every care plan reviewed by the IRO service in September.');
    await page.getByRole('button', { name: 'Save your updates' }).first().click();
    await page.getByText('Your updates have been saved').waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /You have updated 2 of your 2 actions in this round/,
    );
    await check(page, `${label}-my-updates-saved`, scripts);
    // The manager sees them counted.
    page = managerPage;
    await page.goto(`${base}/plans/${plans[key]}/rounds`);
    await page
      .getByRole('link', { name: 'October 2026 update, for the Improvement Board' })
      .click();
    const round = await page.locator('main').innerText();
    assert.match(round, /2 of 3 actions/);
    assert.match(round, /No update this round/);
    await check(page, `${label}-round-updated`, scripts);
  } finally {
    await context.close();
    await leadContext.close();
  }
}

describe('an update round in the browser', { timeout: 240_000 }, () => {
  test('at 1280 px: a manager opens a round, a lead updates all their actions on one page', () =>
    journey('desktop', 1280, true));
  test('the same at 320 px', () => journey('phone', 320, true));
  test('the same with JavaScript off', () => journey('no-js', 1280, false));
});
