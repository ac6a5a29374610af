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
import { buildServer } from '../web/server.js';

// "Check the statuses" in a real browser: upload a plan using a status word the importer
// does not know, see how each word was read, give it a meaning, read the file again and see
// it on the review. At 1280 px and 320 px with axe-core on every page, and once with
// JavaScript off; no page scrolls sideways.

const available = chromiumAvailable();
const EMAIL = 'manager@testshire.gov.uk';
const PASSWORD = 'a long enough password';
const CSV = Buffer.from(
  [
    'Ref,Action,Lead,Due,Status',
    '1.1,Publish the practice standards,Head of Practice,June 2026,On track',
    '1.2,Train every team manager,Workforce Lead,July 2026,Behind plan',
    '',
  ].join('\n'),
);
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

async function check(page: Page, name: string, scripts: boolean) {
  if (scripts) await checkPage(page, name);
  else await checkPageWithoutScripts(page, name);
  const [scroll, width] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} px in ${width} px`);
}

async function journey(key: string, width: number, scripts: boolean) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled: scripts,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/import`);
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Import a plan' }).waitFor();
    await page.getByLabel('Upload a file').setInputFiles({
      name: 'westmoor.csv',
      mimeType: 'text/csv',
      buffer: CSV,
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Check the imported plan' }).waitFor();
    await page.getByRole('heading', { name: 'Statuses' }).waitFor();
    await check(page, `import-statuses-${key}-review`, scripts);

    await page.getByRole('link', { name: 'check the statuses' }).click();
    await page.getByRole('heading', { name: 'Check the statuses' }).waitFor();
    await check(page, `import-statuses-${key}-statuses`, scripts);
    assert.equal(await page.getByLabel('“On track”').inputValue(), 'GREEN');
    // The journeys run in order for one council: the first meets the importer's reading,
    // the later ones the meaning the first kept.
    const behind = page.getByLabel('“Behind plan”');
    assert.equal(await behind.inputValue(), key === 'desktop' ? 'none' : 'AMBER');
    await behind.selectOption('AMBER');
    await page.getByRole('button', { name: 'Read the file again' }).click();

    await page.getByText('The file has been read again with the statuses you chose').waitFor();
    await page.getByText('Amber (as you chose), in 1 row').waitFor();
    await check(page, `import-statuses-${key}-read-again`, scripts);
  } finally {
    await context.close();
  }
}

describe(
  'checking the statuses of an import in a browser',
  { timeout: 240_000, skip: available ? false : `${CHROMIUM} is not installed` },
  () => {
    test('at 1280 px: see how each status word was read, give one a meaning, read the file again', () =>
      journey('desktop', 1280, true));
    test('the same at 320 px', () => journey('phone', 320, true));
    test('the same with JavaScript off', () => journey('no-js', 1280, false));
  },
);
