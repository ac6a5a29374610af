import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../config.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { createMailer } from '../mail/mailer.js';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { CHROMIUM, checkPage, launchChromium } from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// A whole update round in a real browser, start to close: the manager opens it; the opening
// e-mails arrive at a real SMTP server; lead A follows the e-mailed link, signs in and updates
// both their actions on one page; the manager downloads lead B's workbook, the test fills it
// in with exceljs as lead B would, and the manager uploads, checks and saves it; the overview's
// filter shows the disagreement between B's proposal and the status rules; a due date moves,
// with its reason, and the action page shows the slip; the manager sends a reminder (B still
// owes one update), confirms the round's statuses and closes the round. Every page is
// axe-checked and must not scroll sideways, at 1280 px and at 320 px.

const PASSWORD = 'a long enough password';
const MANAGER = 'kemi.ade@harrowgate.gov.uk';
const ANA = 'ana.ruiz@harrowgate.gov.uk';
const BEN = 'ben.osei@harrowgate.gov.uk';
const LEAD_B = 'Virtual School Head';
const period = { start: '2026-01-01', end: '2027-12-31' };
let app: Awaited<ReturnType<typeof testContext>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
let folder = '';

/** A free local port, so that the e-mails' links (PUBLIC_URL) point at the test's server. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function planFor(title: string) {
  const plain = buildPlanDocument();
  const first = plain.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, text: string, due: string) => ({
    ...first,
    id,
    ref,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate(due, period),
    status: 'AMBER',
  });
  return buildPlanDocument({
    organisation: { slug: 'harrowgate', name: 'Harrowgate Council' },
    plan: { ...plain.plan, title, confirmStatuses: true },
    actions: [
      action(
        'h1',
        '6.1',
        'Head of Fostering',
        'Recruit carers for sibling groups',
        'By March 2027',
      ),
      action('h2', '6.2', 'Head of Fostering', 'Review long-term matches', 'By March 2027'),
      action('h3', '6.3', LEAD_B, 'Give every child in care a current PEP', 'End October 2026'),
      action('h4', '6.4', LEAD_B, 'Track attendance of children in care', 'By March 2027'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  smtp = await startSmtpTestServer();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL: base });
  app = await testContext({ mailer: createMailer(config) });
  app.clock.set('2026-11-02T09:00:00Z');
  for (const width of [1280, 320])
    await app.transaction((trx) =>
      app.services.documents.import(trx, app.changeBy('setup'), planFor(`Harrowgate ${width}`)),
    );
  const plans = await app.transaction((trx) => app.services.plans.list(trx));
  const council = await councilOf(app, plans[0]?.id ?? '');
  const person = (email: string, name: string) => ({ email, name, password: PASSWORD });
  await addMember(app, person(MANAGER, 'Kemi Ade'), council, { role: 'plan-manager' });
  await addMember(app, person(ANA, 'Ana Ruiz'), council, {
    role: 'action-lead',
    leadNames: ['Head of Fostering'],
  });
  await addMember(app, person(BEN, 'Ben Osei'), council, {
    role: 'action-lead',
    leadNames: [LEAD_B],
  });
  folder = await mkdtemp(join(tmpdir(), 'g2g-round-journey-'));
  server = await buildServer(app);
  await server.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  app?.mailer.close();
  await smtp?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The server's scheduler's work, done now: what is due is queued and sent. */
const tick = () => app.services.roundMail.tick(app.db);

async function check(page: Page, name: string) {
  await checkPage(page, name);
  const [scroll, width] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} px in ${width} px`);
}

async function signIn(page: Page, email: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** What lead B does in Excel: an update and Green on 6.3; 6.4 left empty. */
async function fillIn(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('Updates');
  assert.ok(sheet);
  sheet.eachRow((row, n) => {
    if (n === 1 || row.getCell(1).text !== '6.3') return;
    row.getCell(9).value = 'PEPs are now written for every child; the last three are in draft.';
    row.getCell(10).value = 'Green';
  });
  const out = join(folder, `returned-${Date.now()}.xlsx`);
  await workbook.xlsx.writeFile(out);
  return out;
}

async function journey(width: number) {
  const planTitle = `Harrowgate ${width}`;
  const roundName = `November 2026 update (${width})`;
  const label = `round-journey-${width}`;
  const options = { viewport: { width, height: 900 }, acceptDownloads: true };
  const managerContext = await browser.newContext(options);
  const leadContext = await browser.newContext(options);
  try {
    smtp.take();
    // The manager opens the round.
    const manager = await managerContext.newPage();
    await manager.goto(`${base}/sign-in`);
    await check(manager, `${label}-sign-in`);
    await signIn(manager, MANAGER);
    await manager.goto(`${base}/plans`);
    await check(manager, `${label}-plans`);
    await manager.getByRole('link', { name: planTitle }).click();
    const planPath = new URL(manager.url()).pathname;
    await manager.getByRole('link', { name: 'Update rounds' }).click();
    await check(manager, `${label}-rounds`);
    await manager.getByRole('button', { name: 'Open an update round' }).click();
    await check(manager, `${label}-new`);
    await manager.getByLabel('Name of the round').fill(roundName);
    await manager.getByLabel('Day').fill('20');
    await manager.getByLabel('Month').fill('11');
    await manager.getByLabel('Year').fill('2026');
    await manager.getByRole('button', { name: 'Open the round' }).click();
    await manager.getByText('The update round is open').waitFor();
    await check(manager, `${label}-opened`);
    await manager.getByRole('link', { name: roundName }).click();
    const roundUrl = manager.url();
    assert.match(await manager.locator('main').innerText(), /0 of 4 actions/);
    await check(manager, `${label}-round`);

    // The opening digests arrive at the mail server.
    // (The first tick of the week also sends the weekly digest of actions due or overdue.)
    await tick();
    const digests = Object.fromEntries(
      smtp
        .take()
        .filter((m) => m.subject.startsWith(roundName))
        .map((m) => [m.to.join(','), m]),
    );
    assert.deepEqual(Object.keys(digests).sort(), [ANA, BEN].sort());
    const toAna = digests[ANA];
    assert.ok(toAna?.link);
    assert.equal(toAna.subject, `${roundName}: your updates are due by 20 November 2026`);
    assert.match(toAna.text, /- Action 6\.1: Recruit carers for sibling groups/);
    assert.match(toAna.text, /- Action 6\.2: Review long-term matches/);
    assert.doesNotMatch(toAna.text, /Action 6\.3/);

    // Lead A follows the e-mailed link, signs in, and updates both actions on one page.
    const lead = await leadContext.newPage();
    await lead.goto(toAna.link);
    await check(lead, `${label}-lead-sign-in`);
    await signIn(lead, ANA);
    await lead.getByRole('heading', { name: `Your updates for ${roundName}` }).waitFor();
    await check(lead, `${label}-my-updates`);
    for (const [ref, words, status] of [
      ['6.1', 'Two sibling-group carers approved at panel in October.', 'Amber'],
      ['6.2', 'Half of the long-term matches reviewed; the rest booked.', 'Amber'],
    ] as const) {
      await lead
        .getByLabel(`What has happened since the last update on Action ${ref}?`)
        .fill(words);
      await lead
        .getByRole('group', { name: `Status you propose for Action ${ref}` })
        .getByLabel(status)
        .check();
    }
    await lead.getByRole('button', { name: 'Save your updates' }).last().click();
    await lead.getByText('Your updates have been saved').waitFor();
    assert.match(
      await lead.locator('main').innerText(),
      /You have updated 2 of your 2 actions in this round/,
    );
    await check(lead, `${label}-my-updates-saved`);

    // The manager downloads lead B's workbook; B fills it in; the manager uploads it.
    await manager.goto(roundUrl);
    assert.match(await manager.locator('main').innerText(), /2 of 4 actions/);
    await check(manager, `${label}-round-lead-updated`);
    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('link', { name: `Download the workbook for ${LEAD_B}` }).click(),
    ]);
    const saved = join(folder, `${width}-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    await manager.getByLabel('Upload a returned workbook').setInputFiles(await fillIn(saved));
    await manager.getByRole('button', { name: 'Upload and check' }).click();
    await manager.getByRole('heading', { name: 'Check the updates from the workbook' }).waitFor();
    const preview = await manager.locator('main').innerText();
    assert.match(preview, /1 row will be saved as updates in this round/);
    assert.match(preview, /PEPs are now written for every child/);
    await check(manager, `${label}-workbook-preview`);
    await manager.getByRole('button', { name: 'Save 1 update' }).click();
    await manager.getByText('The updates from the workbook have been saved').waitFor();
    assert.match(await manager.locator('main').innerText(), /3 of 4 actions/);
    await check(manager, `${label}-workbook-saved`);

    // The overview: B's Green disagrees with the status rules, and the filter finds it.
    await manager.goto(`${base}${planPath}`);
    await check(manager, `${label}-overview`);
    await manager.getByLabel('Proposed and suggested status disagree').check();
    await manager.getByRole('button', { name: 'Filter actions' }).click();
    await manager.waitForURL(/disagree=yes/);
    const filtered = await manager.locator('main').innerText();
    assert.match(filtered, /Showing 1 of 4 actions/);
    assert.match(filtered, /Proposed Green, but due 31 October 2026 and no completion evidence/);
    assert.doesNotMatch(filtered, /Recruit carers for sibling groups/);
    await check(manager, `${label}-overview-disagree`);

    // The manager moves 6.3's due date, with the reason; the action page shows the slip.
    await manager.getByRole('link', { name: 'Give every child in care a current PEP' }).click();
    await check(manager, `${label}-action`);
    await manager.getByRole('link', { name: /Change this action/ }).click();
    await check(manager, `${label}-action-edit`);
    await manager.getByLabel('Due date', { exact: true }).fill('End January 2027');
    await manager
      .getByLabel('Reason for the change to the due date')
      .fill('The virtual school’s new caseworkers start in December');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await manager.getByText('The action has been changed').waitFor();
    const story = await manager.locator('main').innerText();
    assert.match(story, /Slipped once, by 3 months in all: originally 31 October 2026/);
    assert.match(story, /The virtual school’s new caseworkers start in December/);
    await check(manager, `${label}-action-slipped`);

    // A reminder now: only B still owes an update (6.4), and only 6.4 is in it.
    await manager.goto(roundUrl);
    await manager.getByRole('button', { name: 'Send a reminder now' }).click();
    await manager
      .getByText('A reminder is on its way to each lead who has not updated yet')
      .waitFor();
    await check(manager, `${label}-reminded`);
    await tick();
    const [reminder, ...others] = smtp.take().filter((m) => m.subject.startsWith('Reminder'));
    assert.equal(others.length, 0);
    assert.deepEqual(reminder?.to, [BEN]);
    assert.match(reminder.text, /- Action 6\.4: Track attendance of children in care/);
    assert.doesNotMatch(reminder.text, /Action 6\.3/);
    await manager.reload();
    await check(manager, `${label}-reminder-sent`);
    assert.match(
      await manager.getByRole('region', { name: 'E-mails for this round' }).innerText(),
      /Ben Osei\s+Reminder sent from this page\s+Sent Sent on 2 November 2026/,
    );

    // The manager confirms the round's statuses, then closes the round.
    await manager.goto(`${base}${planPath}/proposals`);
    await check(manager, `${label}-proposals`);
    // Lead A proposed the status 6.1 and 6.2 have (Amber): only B's Green waits.
    const proposals = await manager.locator('main').innerText();
    assert.match(proposals, /Action 6\.3 Give every child in care a current PEP\s+Amber\s+Green/);
    assert.doesNotMatch(proposals, /Action 6\.1/);
    await manager.getByRole('button', { name: 'Confirm Green for Action 6.3' }).click();
    await manager.getByText('The status has been saved').waitFor();
    assert.match(
      await manager.locator('main').innerText(),
      /No statuses are awaiting confirmation/,
    );
    await check(manager, `${label}-confirmed`);
    await manager.goto(roundUrl);
    await manager.getByRole('button', { name: 'Close the round' }).click();
    await manager.getByText('The update round is closed').waitFor();
    const closed = await manager.locator('main').innerText();
    assert.match(closed, /Action 6\.4[\s\S]*No update this round/);
    assert.match(closed, /Closed on 2 November 2026/);
    assert.match(closed, /3 of 4 actions/);
    assert.doesNotMatch(closed, /Send a reminder now/);
    await check(manager, `${label}-closed`);
  } finally {
    await managerContext.close();
    await leadContext.close();
  }
}

describe('a whole update round in the browser, start to close', { timeout: 300_000 }, () => {
  test('at 1280 px', () => journey(1280));
  test('at 320 px', () => journey(320));
});
