import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import excerpt from '../demo/bristol-improvement-plan.json' with { type: 'json' };
import { CHROMIUM, checkPage, launchChromium } from '../test-support/browser.js';
import { addMember } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// A plan manager makes a board pack in a real browser: from the plan, chooses a day and a
// board, sees the draft, publishes it for a meeting, finds it among the published packs and
// downloads its PDF and workbook. Every page is checked with axe-core at 1280 px and 320 px.

const EMAIL = 'improvement.manager@bristol.gov.uk';
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
  app.clock.set('2026-04-01T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('demo data'), excerpt),
  );
  app.clock.set('2026-05-12T10:00:00Z');
  await app.transaction((trx) =>
    app.services.updates.add(
      trx,
      app.changeBy(EMAIL),
      planId,
      {
        actionId: 'a1.1',
        date: '2026-05-12',
        author: 'Head of Service',
        text: 'Audit of return home interviews finished; findings to the board.',
        proposedStatus: 'RED',
        evidence: [],
      },
      null,
    ),
  );
  app.clock.set('2026-06-15T09:00:00Z');
  const scope = (await app.transaction((trx) => app.services.plans.scope(trx, planId)))!;
  await addMember(
    app,
    { email: EMAIL, name: 'Improvement Manager', password: PASSWORD },
    scope.organisationId,
    { role: 'plan-manager' },
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

/** axe at both widths, on the page as it is now. */
async function checkBoth(page: Page, name: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await checkPage(page, `board-pack-${name}-${width}`);
    const wide = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(wide, false, `${name} scrolls sideways at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a plan manager makes, publishes and downloads a board pack', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

  await page.goto(`${base}/plans/${planId}`);
  await page.getByRole('link', { name: 'Board packs' }).click();
  await page.getByRole('heading', { name: 'Make a board pack' }).waitFor();
  await checkBoth(page, 'choose');

  // A day that does not exist is named in the error summary.
  await page.getByLabel('Day').fill('31');
  await page.getByLabel('Month').fill('4');
  await page.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Show the pack' }).click();
  await page.getByText('The date must be a real date, like 30 4 2018').first().waitFor();
  await checkBoth(page, 'error');

  await page.getByLabel('Day').fill('31');
  await page.getByLabel('Month').fill('5');
  await page.getByLabel('Board').selectOption('People Scrutiny Commission');
  await page.getByRole('button', { name: 'Show the pack' }).click();
  await page.getByRole('heading', { name: 'Draft board pack' }).waitFor();
  const draft = await page.locator('main').innerText();
  assert.match(draft, /Board pack as at 31 May 2026/);
  assert.match(draft, /Audit of return home interviews finished/);
  assert.match(draft, /27 actions, by status/);
  await checkBoth(page, 'draft');

  await page.getByLabel('Meeting').fill('People Scrutiny Commission, 4 June 2026');
  await page
    .getByLabel('Headline messages (optional)')
    .fill('Return home interviews are now audited.');
  await page.getByRole('button', { name: 'Publish this pack' }).click();
  await page.getByText('The pack has been published').waitFor();
  assert.match(await page.locator('main').innerText(), /Return home interviews are now audited\./);
  await checkBoth(page, 'published');

  const pdf = page.waitForEvent('download');
  await page.getByRole('link', { name: 'PDF (for printing and sending)' }).click();
  const pdfFile = await pdf;
  assert.equal(pdfFile.suggestedFilename(), 'people-scrutiny-commission-pack-2026-05-31.pdf');
  mkdirSync('test-artifacts', { recursive: true });
  await pdfFile.saveAs('test-artifacts/board-pack-bristol.pdf');
  assert.match(
    execFileSync('pdfinfo', ['test-artifacts/board-pack-bristol.pdf'], { encoding: 'utf8' }),
    /Tagged:\s+yes/,
  );
  // Every other format, downloaded as a person would, each a file of its own kind.
  const others = [
    ['Excel spreadsheet', 'people-scrutiny-commission-pack-2026-05-31.xlsx', 'PK'],
    ['Word document', 'people-scrutiny-commission-pack-2026-05-31.docx', 'PK'],
    ['CSV of the actions', 'people-scrutiny-commission-pack-2026-05-31.csv', 'Recommendation'],
    ['CSV of the measures', 'people-scrutiny-commission-pack-2026-05-31-measures.csv', 'Measure'],
  ] as const;
  for (const [name, file, starts] of others) {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name, exact: true }).click();
    const got = await download;
    assert.equal(got.suggestedFilename(), file);
    const saved = `test-artifacts/${file}`;
    await got.saveAs(saved);
    const head = readFileSync(saved)
      .subarray(0, 40)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    assert.ok(head.startsWith(starts), `${name} begins ${JSON.stringify(head)}`);
  }

  await page.getByRole('link', { name: 'Back to the published packs' }).click();
  await page.getByRole('heading', { name: 'Published board packs' }).waitFor();
  assert.match(await page.locator('main').innerText(), /People Scrutiny Commission, 4 June 2026/);
  await checkBoth(page, 'list');

  // Printed, the pack is its content: no navigation, buttons or link addresses.
  await page.getByRole('link', { name: 'People Scrutiny Commission, 4 June 2026' }).click();
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(`(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none');
    return { nav: shown('.govuk-header, .govuk-service-navigation, .app-back-nav'), files: shown('a[download]') };
  })()`);
  assert.deepEqual(printed, { nav: false, files: false });
  writeFileSync('test-artifacts/board-pack-print.pdf', await page.pdf({ format: 'A4' }));
  await context.close();
});
