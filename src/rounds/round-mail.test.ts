import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { createMailer } from '../mail/mailer.js';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A round's e-mails as the leads and the manager receive them from a real SMTP server: the
// digest when the round opens, the reminder before the deadline to those still missing an
// update, the summary after it; and what the round page says about each.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let planId: string;
const PASSWORD = 'a long enough password';
const PUBLIC_URL = 'https://plans.fenwick.gov.uk';
const MANAGER = 'grace.adeyemi@fenwick.gov.uk';
const HEAD = 'owen.price@fenwick.gov.uk';
const QA = 'marta.kowalska@fenwick.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

function plan() {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, text: string) => ({
    ...first,
    id,
    ref,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('By March 2027', period),
    status: 'AMBER',
  });
  return buildPlanDocument({
    organisation: { slug: 'fenwick', name: 'Fenwick County Council' },
    plan: { ...base.plan, title: 'Fenwick children’s services improvement plan' },
    actions: [
      action('f1', '4.1', 'Head of Safeguarding', 'Audit strategy discussions monthly'),
      action('f2', '4.2', 'Head of Safeguarding', 'Train team managers in supervision'),
      action('f3', '4.3', 'Principal QA Officer', 'Publish the practice standards'),
      action('f4', '4.4', 'Designated Officer', 'Review allegations management'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  smtp = await startSmtpTestServer();
  const config = loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'g2g@fenwick.gov.uk' });
  app = await testContext({ mailer: createMailer(config) });
  app.clock.set('2026-05-04T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan()),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Grace Adeyemi', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: HEAD, name: 'Owen Price', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['Head of Safeguarding'],
  });
  await addMember(app, { email: QA, name: 'Marta Kowalska', password: PASSWORD }, council, {
    role: 'action-lead',
    leadNames: ['principal qa officer'],
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
  app.mailer.close();
  await smtp.stop();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const tick = () => app.services.roundMail.tick(app.db);
const byRecipient = (mails: ReturnType<typeof smtp.take>) =>
  Object.fromEntries(mails.map((m) => [m.to.join(','), m]));

describe('a round’s e-mails, as received', () => {
  let roundHref = '';
  let myUpdates = '';

  test('opening a round only queues: the page answers and the round page says waiting', async () => {
    const manager = await signedIn(MANAGER);
    const opened = await manager.submit(`/plans/${planId}/rounds/new`, {
      name: 'May 2026 update',
      'deadline-day': '20',
      'deadline-month': '5',
      'deadline-year': '2026',
      actions: ['f1', 'f2', 'f3', 'f4'],
    });
    assert.equal(opened.statusCode, 303);
    assert.equal(smtp.take().length, 0, 'nothing is sent while the page answers');
    const list = await manager.get(`/plans/${planId}/rounds`);
    roundHref = /href="(\/plans\/[^"]+\/rounds\/[0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    myUpdates = `${roundHref}/my-updates`;
    const page = text((await manager.get(roundHref)).body);
    assert.match(page, /Owen Price The round’s digest Waiting Waiting to be sent/);
    assert.match(page, /Marta Kowalska The round’s digest Waiting Waiting to be sent/);
    assert.match(
      page,
      /Designated Officer The round’s digest and reminders Not sent No e-mail address: nobody with an account holds this lead/,
    );
    assert.doesNotMatch(page, /Grace Adeyemi The round’s digest/);
  });

  test('the tick sends each lead one plain-text digest listing their actions, with a plain link', async () => {
    const result = await tick();
    assert.equal(result.sent, 2);
    const mails = byRecipient(smtp.take());
    assert.deepEqual(Object.keys(mails).sort(), [QA, HEAD].sort());
    const owen = mails[HEAD];
    assert.ok(owen);
    assert.equal(owen.subject, 'May 2026 update: your updates are due by 20 May 2026');
    assert.match(owen.contentType, /^text\/plain/);
    assert.doesNotMatch(owen.raw, /multipart|text\/html|<img/i);
    assert.match(owen.text, /^Hello Owen Price,/);
    assert.match(owen.text, /- Action 4\.1: Audit strategy discussions monthly/);
    assert.match(owen.text, /- Action 4\.2: Train team managers in supervision/);
    assert.doesNotMatch(owen.text, /Publish the practice standards/);
    assert.equal(owen.link, `${PUBLIC_URL}${myUpdates}`);
    // No tracking: every link is a plain address of the service, without query strings.
    const links = owen.text.match(/https?:\/\/\S+/g) ?? [];
    assert.ok(
      links.every((l) => l.startsWith(PUBLIC_URL) && !l.includes('?')),
      links.join(),
    );
    assert.match(
      owen.text,
      /To stop them, .*https:\/\/plans\.fenwick\.gov\.uk\/e-mail-preferences/,
    );
    const marta = mails[QA];
    assert.match(marta?.text ?? '', /- Action 4\.3: Publish the practice standards/);
    // Sent once: another tick sends nothing more.
    assert.equal((await tick()).sent, 0);
    assert.equal(smtp.take().length, 0);
    const manager = await signedIn(MANAGER);
    assert.match(
      text((await manager.get(roundHref)).body),
      /Owen Price The round’s digest Sent Sent on 4 May 2026/,
    );
  });

  test('before the deadline, a reminder goes only to leads still missing an update, once', async () => {
    const owen = await signedIn(HEAD);
    const saved = await owen.submit(myUpdates, {
      'text-0': 'Audits of strategy discussions started in April.',
      'status-0': 'GREEN',
      'text-1': 'Supervision training booked for June.',
      'status-1': 'AMBER',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    app.clock.set('2026-05-17T08:00:00Z');
    await tick();
    assert.equal(smtp.take().length, 0, 'three days before the deadline, no reminder yet');
    app.clock.set('2026-05-18T08:00:00Z');
    await tick();
    const [reminder, ...others] = smtp.take();
    assert.equal(others.length, 0);
    assert.deepEqual(reminder?.to, [QA]);
    assert.equal(reminder.subject, 'Reminder: May 2026 update updates are due by 20 May 2026');
    assert.match(reminder.text, /- Action 4\.3: Publish the practice standards/);
    assert.equal(reminder.link, `${PUBLIC_URL}${myUpdates}`);
    assert.match(reminder.text, /To stop them/);
    app.clock.set('2026-05-19T08:00:00Z');
    await tick();
    assert.equal(smtp.take().length, 0, 'one reminder per lead per round');
  });

  test('after the deadline, the manager gets a summary of what is missing, once', async () => {
    app.clock.set('2026-05-20T18:00:00Z');
    await tick();
    assert.equal(smtp.take().length, 0, 'on the deadline day itself, no summary yet');
    app.clock.set('2026-05-21T07:00:00Z');
    await tick();
    const [summary, ...others] = smtp.take();
    assert.equal(others.length, 0);
    assert.deepEqual(summary?.to, [MANAGER]);
    assert.equal(summary.subject, 'May 2026 update: 2 of 4 actions without an update');
    assert.match(summary.text, /- Action 4\.3 \(Principal QA Officer\)/);
    assert.match(summary.text, /- Action 4\.4 \(Designated Officer\)/);
    assert.doesNotMatch(summary.text, /Action 4\.1/);
    assert.equal(summary.link, `${PUBLIC_URL}${roundHref}`);
    app.clock.set('2026-05-22T07:00:00Z');
    await tick();
    assert.equal(smtp.take().length, 0);
  });
});
