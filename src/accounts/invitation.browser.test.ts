import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { checkPage, chromiumAvailable, launchChromium } from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// The main journey of issue 5 in a real browser: an administrator invites an action lead,
// the e-mail arrives over real SMTP, the lead follows the link, chooses a password, and sees
// the action they lead — and the administrator sees it all in the access log.

const available = chromiumAvailable();
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let base = '';
const ADMIN = 'admin@testshire.gov.uk';
const PASSWORD = 'a long enough password';

before(async () => {
  if (!available) return;
  smtp = await startSmtpTestServer();
  app = await testContext({ mailer: createMailer(loadConfig({ SMTP_URL: smtp.url })) });
  app.clock.set('2026-06-15T09:00:00Z');
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: ADMIN, name: 'Council Admin', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'administrator',
    },
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
  await smtp.stop();
});

test(
  'an administrator invites an action lead, who signs up from the e-mail and sees their action',
  { skip: !available && 'Chromium is not installed' },
  async () => {
    const admin = await (await browser.newContext()).newPage();
    await admin.goto(`${base}/`);
    await admin.getByLabel('Email address').fill(ADMIN);
    await admin.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('link', { name: 'Councils' }).click();
    await checkPage(admin, 'invite-councils');
    await admin
      .getByRole('link', { name: /Testshire County Council/ })
      .first()
      .click();
    await checkPage(admin, 'invite-people');
    await admin.getByRole('button', { name: 'Invite a person' }).click();
    await checkPage(admin, 'invite-form');
    await admin.getByLabel('Email address').fill('new.lead@testshire.gov.uk');
    await admin.getByLabel('Full name').fill('Nia Lead');
    await admin.getByLabel('Action lead', { exact: true }).check();
    await admin
      .getByLabel('Names and role titles they answer for as an action lead (optional)')
      .fill('Service Manager, Leaving Care');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await checkPage(admin, 'invite-sent');
    await admin.getByText('new.lead@testshire.gov.uk').first().waitFor();

    const [mail] = smtp.take();
    assert.deepEqual(mail?.to, ['new.lead@testshire.gov.uk']);
    assert.ok(mail?.link, 'the e-mail carries a link');

    const lead = await (await browser.newContext()).newPage();
    await lead.goto(mail.link.replace(/^https?:\/\/[^/]+/, base));
    await checkPage(lead, 'invite-choose-password');
    await lead.getByLabel('New password').fill('password');
    await lead.getByRole('button', { name: 'Save password and sign in' }).click();
    await lead
      .getByRole('link', { name: /Your password must be at least 12 characters long/ })
      .waitFor();
    await checkPage(lead, 'invite-weak-password');
    await lead.getByLabel('New password').fill('kestrel orchard lantern nine');
    await lead.getByRole('button', { name: 'Save password and sign in' }).click();
    await lead.getByRole('heading', { name: 'Your actions' }).waitFor();
    await checkPage(lead, 'invite-home');
    assert.match(await lead.content(), /Complete pathway plans for care leavers without a plan/);

    await admin.goto(`${base}/councils/testshire/audit`);
    await checkPage(admin, 'invite-access-log');
    const log = await admin.content();
    assert.match(log, /Invited/);
    assert.match(log, /Accepted an invitation/);

    // The plan's audit trail, reached from the overview, filtered to actions.
    await admin.goto(`${base}/plans`);
    await admin
      .getByRole('link', { name: /Testshire Children’s Services Improvement Plan/ })
      .click();
    await checkPage(admin, 'plan-overview-as-administrator');
    await admin.getByRole('link', { name: 'Audit trail' }).click();
    await admin.getByLabel('What').selectOption('action');
    await admin.getByRole('button', { name: 'Filter changes' }).click();
    await checkPage(admin, 'plan-audit-trail');
    assert.match(await admin.content(), /Added action 1\.1/);
  },
);
