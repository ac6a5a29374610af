import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { CHROMIUM, checkPage, launchChromium } from '../../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { buildServer } from '../../web/server.js';

// Updates by spreadsheet in a real browser: the manager downloads a lead's workbook from the
// round page, the test fills it in with exceljs as the lead would in Excel, the manager
// uploads it, checks the preview (one row refused) and saves; the round page shows the
// updates. Every page is axe-checked and must not scroll sideways, at 1280 and 320 px; the
// statutory clock's page and panel are checked on the way.

const PASSWORD = 'a long enough password';
const MANAGER = 'performance@kingsmoor.gov.uk';
const LEAD = 'Head of Service, Children in Care';
const period = { start: '2026-01-01', end: '2027-12-31' };
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
let folder = '';
const plans: Record<string, string> = {};

function planFor(title: string) {
  const plain = buildPlanDocument();
  const first = plain.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, text: string) => ({
    ...first,
    id,
    ref,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('End December 2026', period),
    status: 'AMBER',
  });
  return buildPlanDocument({
    organisation: { slug: 'kingsmoor', name: 'Kingsmoor Council' },
    plan: { ...plain.plan, title, status: 'draft' },
    actions: [
      action(
        'k1',
        '5.1',
        LEAD,
        'Hold a permanence planning meeting for every child by their second review',
      ),
      action('k2', '5.2', LEAD, 'Recruit twelve more foster carers for teenagers'),
      action('k3', '5.3', 'Virtual School Head', 'Track personal education plans each term'),
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
  app.clock.set('2026-10-05T09:00:00Z');
  for (const key of ['desktop', 'phone']) {
    const id = await app.transaction((trx) =>
      app.services.documents.import(trx, app.changeBy('setup'), planFor(`Kingsmoor plan (${key})`)),
    );
    plans[key] = id;
    await app.transaction((trx) =>
      app.services.rounds.open(trx, app.changeBy('setup'), id, {
        name: 'October 2026 update',
        deadline: '2026-10-16',
      }),
    );
  }
  const council = await councilOf(app, plans.desktop ?? '');
  await addMember(app, { email: MANAGER, name: 'Rosa Hall', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  folder = await mkdtemp(join(tmpdir(), 'g2g-workbook-'));
  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function check(page: Page, name: string) {
  await checkPage(page, name);
  const [scroll, width] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} px in ${width} px`);
}

/** What the lead does in Excel: an update and a status on each row, one status misspelt. */
async function fillIn(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('Updates');
  assert.ok(sheet);
  const filled: Record<string, [string, string]> = {
    '5.1': ['Permanence meetings held for 14 of 16 children this month.', 'Green'],
    '5.2': ['Two carers approved at panel; four in assessment.', 'Amberish'],
  };
  sheet.eachRow((row, n) => {
    const values = n > 1 ? filled[String(row.getCell(1).text)] : undefined;
    if (!values) return;
    row.getCell(9).value = values[0];
    row.getCell(10).value = values[1];
  });
  const out = join(folder, `returned-${Date.now()}.xlsx`);
  await workbook.xlsx.writeFile(out);
  return out;
}

async function journey(key: string, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    acceptDownloads: true,
  });
  try {
    const page = await context.newPage();
    const label = `workbook-${key}`;
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(MANAGER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    // The statutory clock, on the way: set the received day, see the deadline on the overview.
    await page.goto(`${base}/plans/${plans[key]}/clock`);
    await check(page, `${label}-clock`);
    await page
      .getByRole('group', { name: 'Day the inspection report was received' })
      .getByLabel('Day')
      .fill('1');
    await page
      .getByRole('group', { name: 'Day the inspection report was received' })
      .getByLabel('Month')
      .fill('9');
    await page
      .getByRole('group', { name: 'Day the inspection report was received' })
      .getByLabel('Year')
      .fill('2026');
    await page.getByRole('group', { name: 'Is a first draft due' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Save the clock' }).click();
    await page.getByText('The statutory clock has been saved').waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /Statement of action due 8 December 2026: \d+ working days left/,
    );
    await check(page, `${label}-overview-clock`);
    // Download the lead's workbook from the round page.
    await page.getByRole('link', { name: 'Update rounds' }).click();
    await page.getByRole('link', { name: 'October 2026 update' }).click();
    await check(page, `${label}-round`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download the workbook for ${LEAD}` }).click(),
    ]);
    assert.equal(
      download.suggestedFilename(),
      'October 2026 update - Head of Service Children in Care.xlsx',
    );
    const saved = join(folder, `${key}-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    assert.ok((await readFile(saved)).length > 0);
    const returned = await fillIn(saved);
    // Upload it: the preview shows what will be saved and the row that cannot be.
    await page.getByLabel('Upload a returned workbook').setInputFiles(returned);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Check the updates from the workbook' }).waitFor();
    const preview = await page.locator('main').innerText();
    assert.match(preview, /1 row will be saved as updates in this round/);
    assert.match(preview, /Permanence meetings held for 14 of 16 children this month\./);
    assert.match(preview, /Row 3: ‘Amberish’ is not a status of this plan/);
    await check(page, `${label}-preview`);
    await page.getByRole('button', { name: 'Save 1 update' }).click();
    await page.getByText('The updates from the workbook have been saved').waitFor();
    const round = await page.locator('main').innerText();
    assert.match(round, /1 of 3 actions/);
    assert.match(round, new RegExp(`5 October 2026, ${LEAD}`));
    await check(page, `${label}-round-saved`);
    // A file that is not a workbook is refused in words, on its own page.
    const notes = join(folder, 'notes.txt');
    await writeFile(notes, 'Updates: all on track');
    await page.getByLabel('Upload a returned workbook').setInputFiles(notes);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByText('There is a problem').waitFor();
    assert.match(await page.locator('main').innerText(), /‘notes\.txt’ is not an Excel workbook/);
    await check(page, `${label}-upload-error`);
  } finally {
    await context.close();
  }
}

describe('updates by spreadsheet in the browser', { timeout: 240_000 }, () => {
  test('at 1280 px: download, fill in, upload, check, save', () => journey('desktop', 1280));
  test('the same at 320 px', () => journey('phone', 320));
});
