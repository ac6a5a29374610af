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
import { LAYOUT_CSV } from './column-layout.test-helper.js';

// "Check the columns" in a real browser: upload a plan whose lead column has an unknown
// heading and whose date column is known by its cells (the page says so), give the lead
// column its role and ignore another, read the file again and see the leads. At 1280 px and 320 px with axe-core on every page, and once with JavaScript off;
// no page scrolls sideways.

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
      name: 'eastfield.csv',
      mimeType: 'text/csv',
      buffer: LAYOUT_CSV,
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Check the imported plan' }).waitFor();
    await check(page, `import-columns-${key}-review`, scripts);

    await page.getByRole('link', { name: 'check the columns' }).click();
    await page.getByRole('heading', { name: 'Check the columns' }).waitFor();
    await check(page, `import-columns-${key}-columns`, scripts);
    // The role worked out from the cells, and why, beside the one read from its heading.
    assert.equal(await page.getByLabel('Column 4: “Milestone”').inputValue(), 'due');
    // The journeys run in order for one council: the first meets the importer's own reading,
    // the later ones the choice the first kept.
    const hint = (id: string) => page.locator(`#${id}-hint`).innerText();
    if (key === 'desktop') {
      assert.match(await hint('role-0-3'), /^Read from what its cells hold: they are dates\./);
      assert.match(await hint('role-0-1'), /^Read from its heading\./);
      assert.match(await hint('role-0-2'), /^Not read: neither its heading nor its cells say/);
    } else {
      assert.match(await hint('role-0-2'), /^Read as you chose\./);
    }
    await page.getByLabel('Column 3: “Champion”').selectOption('lead');
    await page.getByLabel('Column 5: “Internal code”').selectOption('ignore');
    await page.getByRole('button', { name: 'Read the file again' }).click();

    await page.getByText('The file has been read again with the columns you chose').waitFor();
    const content = await page.content();
    assert.match(content, /Head of Assessment/);
    assert.doesNotMatch(content, /actions with no lead/);
    assert.doesNotMatch(content, /X-17/);
    await check(page, `import-columns-${key}-read-again`, scripts);
  } finally {
    await context.close();
  }
}

describe(
  'checking the columns of an import in a browser',
  { timeout: 240_000, skip: available ? false : `${CHROMIUM} is not installed` },
  () => {
    test('at 1280 px: give a column its role, ignore another, read the file again', () =>
      journey('desktop', 1280, true));
    test('the same at 320 px', () => journey('phone', 320, true));
    test('the same with JavaScript off', () => journey('no-js', 1280, false));
  },
);
