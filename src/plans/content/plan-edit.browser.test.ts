import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  checkPage,
  chromiumAvailable,
  launchChromium,
} from '../../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { buildServer } from '../../web/server.js';

// A plan manager adds an action to a recommendation with the keyboard only (Tab, Enter,
// Space and typing; no clicks), with axe-core on every page visited and screenshots in
// test-artifacts/.

const available = chromiumAvailable();

const EMAIL = 'manager@testshire.gov.uk';
const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';

before(async () => {
  if (!available) return;
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const doc = buildPlanDocument();
  const first = doc.actions[0];
  assert.ok(first);
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), {
      ...doc,
      actions: [...doc.actions, { ...first, id: 'a2', ref: '1.2', text: 'Second action' }],
    }),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Improvement Manager', password: PASSWORD },
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

/** axe-core and a screenshot, named for this journey. */
const check = (page: Page, name: string) => checkPage(page, `keyboard-${name}`);

interface Focused {
  tag: string;
  id: string;
  text: string;
}

// Scripts run in the page (as text: this project's TypeScript has no DOM types).
const FOCUSED = `(() => {
  const a = document.activeElement;
  return {
    tag: a ? a.tagName.toLowerCase() : '',
    id: a ? a.id : '',
    text: (a && a.textContent ? a.textContent : '').trim().replace(/\\s+/g, ' '),
  };
})()`;

/** Presses Tab until the focused element is the one wanted (reading focus, never clicking). */
async function tabTo(page: Page, wanted: (el: Focused) => boolean, what: string) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const el: Focused = await page.evaluate(FOCUSED);
    if (wanted(el)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}
const field = (id: string) => (el: Focused) => el.id === id;
const link = (text: string) => (el: Focused) => el.tag === 'a' && el.text === text;

/** Presses a key on the focused element and waits for the next page (even at the same address). */
async function follow(page: Page, key: 'Enter' | 'Space', url: RegExp) {
  await page.evaluate(() => Object.assign(globalThis, { g2gPreviousPage: true }));
  await page.keyboard.press(key);
  await page.waitForFunction(() => !('g2gPreviousPage' in globalThis));
  await page.waitForLoadState('load');
  assert.match(page.url(), url);
}

describe(
  'editing with the keyboard only',
  { timeout: 120_000, skip: available ? false : `${CHROMIUM} is not installed` },
  () => {
    test('sign in, open a plan, add an action to a recommendation, move it, see it', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/plans`);
      await check(page, 'sign-in');
      await tabTo(page, field('email'), 'the email field');
      await page.keyboard.type(EMAIL);
      await tabTo(page, field('password'), 'the password field');
      await page.keyboard.type(PASSWORD);
      await follow(page, 'Enter', /\/plans$/);
      await check(page, 'plans');

      await tabTo(page, link('Testshire Children’s Services Improvement Plan'), 'the plan');
      await follow(page, 'Enter', /\/plans\/[0-9a-f-]+$/);
      await check(page, 'plan');
      await tabTo(page, link('Recommendation 1'), 'the recommendation');
      await follow(page, 'Enter', /\/recommendations\/r1$/);
      await check(page, 'recommendation');

      await tabTo(page, link('Add an action'), 'Add an action');
      await follow(page, 'Enter', /\/actions\/new$/);
      await check(page, 'add-action');
      assert.equal(await page.inputValue('#ref'), '1.3', 'the next reference is suggested');
      await tabTo(page, field('text'), 'the action field');
      await page.keyboard.type('Hold a monthly pathway plan clinic');
      await tabTo(page, field('leads'), 'the leads field');
      await page.keyboard.type('Head of Service, Care Leavers / Team Manager');
      await tabTo(page, field('due'), 'the due date field');
      await page.keyboard.type('End October 2026');
      await tabTo(page, field('status'), 'the status list');
      await page.keyboard.type('Amber');
      await tabTo(page, (el) => el.tag === 'button' && el.text === 'Add an action', 'the button');
      await follow(page, 'Enter', /\/recommendations\/r1$/);

      const row = page.getByRole('row', { name: /Hold a monthly pathway plan clinic/ });
      await row.waitFor();
      assert.match(await row.innerText(), /Head of Service, Care Leavers; Team Manager/);
      assert.match(await row.innerText(), /by 31 October 2026/);
      assert.match(await row.innerText(), /Amber/);
      await check(page, 'action-added');

      // Move it above the second action with Space on its "Move up" button.
      await tabTo(page, (el) => el.text === 'Move up Action 1.3', 'Move up');
      await follow(page, 'Space', /\/recommendations\/r1(#actions)?$/);
      const refs = await page.locator('table.govuk-table tbody tr td:first-child').allInnerTexts();
      assert.deepEqual(refs, ['1.1', '1.3', '1.2']);
      await check(page, 'action-moved');

      // The settings and the "Edit this plan" pages, checked on the way.
      await tabTo(page, link('Plan settings'), 'Plan settings');
      await follow(page, 'Enter', /\/settings$/);
      await check(page, 'settings');
      await tabTo(page, link('Edit the plan’s content'), 'Edit the plan’s content');
      await follow(page, 'Enter', /\/edit$/);
      await check(page, 'plan-edit');
      await tabTo(page, link('Back to the plan'), 'Back to the plan');
      await follow(page, 'Enter', /\/plans\/[0-9a-f-]+$/);
      await page.getByRole('link', { name: 'Hold a monthly pathway plan clinic' }).waitFor();
      await check(page, 'plan-with-action');
      await context.close();
    });
  },
);
