import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
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

// In a real browser, at 1280 px and 320 px, axe-checked and never scrolling sideways: the
// round page's e-mails (sent, bounced, no e-mail address) and a lead's e-mail preferences.

const PASSWORD = 'a long enough password';
const MANAGER = 'olu.bakare@marston.gov.uk';
const LEAD = 'fran.hughes@marston.gov.uk';
const GONE = 'left.last.year@marston.gov.uk';
let app: Awaited<ReturnType<typeof testContext>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
let roundPath = '';

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  smtp = await startSmtpTestServer();
  smtp.answer('refuse', GONE);
  app = await testContext({ mailer: createMailer(loadConfig({ SMTP_URL: smtp.url })) });
  app.clock.set('2026-11-02T09:00:00Z');
  const doc = buildPlanDocument();
  const first = doc.actions[0];
  assert.ok(first);
  const period = { start: '2026-01-01', end: '2027-12-31' };
  const action = (id: string, lead: string) => ({
    ...first,
    id,
    ref: `3.${id.slice(1)}`,
    text: `Improve the work of the ${lead} across the county's children's services`,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('By March 2027', period),
    status: 'AMBER',
  });
  const planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'marston', name: 'Marston County Council' },
        plan: { ...doc.plan, title: 'Marston improvement plan' },
        actions: [
          action('m1', 'Head of Children in Need'),
          action('m2', 'Head of Disabled Children’s Service'),
          action('m3', 'Independent Reviewing Service Manager'),
        ],
        measures: [],
        measureValues: [],
        risks: [],
        costs: [],
      }),
    ),
  );
  const council = await councilOf(app, planId);
  const person = (email: string, name: string) => ({ email, name, password: PASSWORD });
  await addMember(app, person(MANAGER, 'Olu Bakare'), council, { role: 'plan-manager' });
  await addMember(app, person(LEAD, 'Fran Hughes'), council, {
    role: 'action-lead',
    leadNames: ['Head of Children in Need'],
  });
  await addMember(app, person(GONE, 'Chris Departed'), council, {
    role: 'action-lead',
    leadNames: ['Head of Disabled Children’s Service'],
  });
  roundPath = await app.transaction(async (trx) => {
    const round = await app.services.rounds.open(trx, app.changeBy('setup'), planId, {
      name: 'November 2026 update',
      deadline: '2026-11-20',
    });
    await app.services.roundMail.roundOpened(trx, planId, round.id);
    return `/plans/${planId}/rounds/${round.id}`;
  });
  await app.services.roundMail.tick(app.db);
  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  app?.mailer.close();
  await smtp?.stop();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

async function check(page: Page, name: string) {
  await checkPage(page, name);
  const [scroll, width] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} px in ${width} px`);
}

async function journey(width: number) {
  const options = { viewport: { width, height: 900 } };
  const managerContext = await browser.newContext(options);
  const leadContext = await browser.newContext(options);
  try {
    const manager = await managerContext.newPage();
    await signIn(manager, MANAGER);
    await manager.goto(`${base}${roundPath}`);
    const emails = manager.getByRole('region', { name: 'E-mails for this round' });
    const listed = await emails.innerText();
    assert.match(listed, /Fran Hughes[\s\S]*Sent[\s\S]*Sent on 2 November 2026/);
    assert.match(listed, /Chris Departed[\s\S]*Bounced[\s\S]*Check the address/);
    assert.match(listed, /Independent Reviewing Service Manager[\s\S]*No e-mail address/);
    await check(manager, `round-mail-${width}-round`);

    const lead = await leadContext.newPage();
    await signIn(lead, LEAD);
    await lead.goto(`${base}/e-mail-preferences`);
    await check(lead, `round-mail-${width}-preferences`);
    await lead.getByRole('button', { name: 'Save your preferences' }).click();
    // Yes is chosen to begin with, so saving as it is works; choose No and save.
    await lead.getByText('Your e-mail preferences have been saved').waitFor();
    await lead.getByLabel('No, stop these e-mails').check();
    await lead.getByRole('button', { name: 'Save your preferences' }).click();
    await lead.getByText('Your e-mail preferences have been saved').waitFor();
    assert.ok(await lead.getByLabel('No, stop these e-mails').isChecked());
    await check(lead, `round-mail-${width}-preferences-saved`);
    await lead.getByLabel('Yes').check();
    await lead.getByRole('button', { name: 'Save your preferences' }).click();
    await lead.getByText('Your e-mail preferences have been saved').waitFor();
  } finally {
    await managerContext.close();
    await leadContext.close();
  }
}

describe('round e-mails and preferences in the browser', { timeout: 240_000 }, () => {
  test('at 1280 px', () => journey(1280));
  test('at 320 px', () => journey(320));
});
