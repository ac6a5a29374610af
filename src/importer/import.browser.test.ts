import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { CHROMIUM, checkPage, chromiumAvailable, launchChromium } from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// The import journey in a real browser: sign in, upload a seed document, see the
// importer's warnings beside their rows, correct one, create the plan and see it. axe-core
// checks every page visited; screenshots go to test-artifacts/ (not committed).

const available = chromiumAvailable();

const SEED = fileURLToPath(new URL('./interpret/fixtures/seed-001.txt', import.meta.url));
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
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
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

const check = checkPage;

describe(
  'import journey in a browser',
  { timeout: 180_000, skip: available ? false : `${CHROMIUM} is not installed` },
  () => {
    test('import a seed document, fix a warning, confirm, see the plan', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${base}/import`);
        await check(page, 'import-sign-in');
        await page.getByLabel('Email address').fill(EMAIL);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Import a plan' }).waitFor();
        await check(page, 'import-upload');

        // A PDF is refused with the importer's words, in the GOV.UK error pattern.
        await page.getByLabel('Upload a file').setInputFiles({
          name: 'plan.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.7\n'),
        });
        await page.getByRole('button', { name: 'Upload and check' }).click();
        await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
        await check(page, 'import-upload-error');

        await page.getByLabel('Upload a file').setInputFiles(SEED);
        await page.getByRole('button', { name: 'Upload and check' }).click();
        await page.getByRole('heading', { name: 'Check the imported plan' }).waitFor();
        assert.match(await page.content(), /19 recommendations, 55 actions/);
        await check(page, 'import-review');

        // Follow a warning to its row, and correct that action's due date.
        const goTo = page.getByRole('link', { name: /^Go to Action / }).first();
        const label = (await goTo.textContent())?.replace('Go to Action ', '').trim() ?? '';
        await goTo.click();
        assert.match(page.url(), /#action-/);
        await page.getByRole('link', { name: `Correct action ${label}`, exact: true }).click();
        await page.getByRole('heading', { name: 'Correct this action' }).waitFor();
        await check(page, 'import-correct-action');
        await page.getByLabel('Due date').fill('End April 2015');
        await page.getByRole('button', { name: 'Save correction' }).click();
        await page.getByRole('heading', { name: 'Check the imported plan' }).waitFor();
        assert.ok(
          (await page.getByText('You corrected this row').count()) > 0,
          'the warning shows it was dealt with',
        );
        await check(page, 'import-review-corrected');

        await page.getByRole('button', { name: 'Create the plan' }).click();
        await page
          .getByRole('heading', { name: /Bristol Children’s Services Improvement Plan/ })
          .waitFor();
        assert.match(page.url(), /\/plans\/[0-9a-f-]{36}$/);
        await check(page, 'import-plan-created');
      } finally {
        await context.close();
      }
    });
  },
);
