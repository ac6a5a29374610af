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

// When the mail server is down, says "later" or refuses an address for good: pages still
// answer, e-mails are tried again with back-off, a bounce is never retried, and the round
// page says what happened to each in plain words.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let port: number;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'dev.patel@ashby.gov.uk';
const READY = 'ruth.evans@ashby.gov.uk';
const GONE = 'former.employee@ashby.gov.uk';
const BUSY = 'kwame.boateng@ashby.gov.uk';

function plan() {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const period = { start: '2026-01-01', end: '2027-12-31' };
  const action = (id: string, ref: string, lead: string) => ({
    ...first,
    id,
    ref,
    text: `Action led by ${lead}`,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('By March 2027', period),
    status: 'AMBER',
  });
  return buildPlanDocument({
    organisation: { slug: 'ashby', name: 'Ashby City Council' },
    plan: { ...base.plan, title: 'Ashby improvement plan' },
    actions: [
      action('x1', '1.1', 'Head of Fostering'),
      action('x2', '1.2', 'Head of Adoption'),
      action('x3', '1.3', 'Head of Residential Care'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  smtp = await startSmtpTestServer();
  port = Number(new URL(smtp.url).port);
  await smtp.stop(); // The mail server is down to begin with.
  app = await testContext({
    mailer: createMailer(loadConfig({ SMTP_URL: `smtp://127.0.0.1:${port}` })),
  });
  app.clock.set('2026-09-01T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan()),
  );
  const council = await councilOf(app, planId);
  const person = (email: string, name: string) => ({ email, name, password: PASSWORD });
  await addMember(app, person(MANAGER, 'Dev Patel'), council, { role: 'plan-manager' });
  for (const [email, name, lead] of [
    [READY, 'Ruth Evans', 'Head of Fostering'],
    [GONE, 'Alex Former', 'Head of Adoption'],
    [BUSY, 'Kwame Boateng', 'Head of Residential Care'],
  ] as const)
    await addMember(app, person(email, name), council, { role: 'action-lead', leadNames: [lead] });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
  app.mailer.close();
  await smtp.stop();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const later = (minutes: number) =>
  app.clock.set(new Date(Date.parse(app.clock.now()) + minutes * 60_000).toISOString());
const tick = () => app.services.roundMail.tick(app.db);

describe('when sending fails', () => {
  let roundHref = '';
  const roundPage = async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    return text((await manager.get(roundHref)).body);
  };

  test('with the mail server down, opening a round still answers, and the e-mails wait', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const opened = await manager.submit(`/plans/${planId}/rounds/new`, {
      name: 'September 2026 update',
      'deadline-day': '18',
      'deadline-month': '9',
      'deadline-year': '2026',
      actions: ['x1', 'x2', 'x3'],
    });
    assert.equal(opened.statusCode, 303);
    const list = await manager.get(`/plans/${planId}/rounds`);
    roundHref = /href="(\/plans\/[^"]+\/rounds\/[0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    assert.deepEqual(await tick(), { sent: 0, failed: 3, bounced: 0 });
    const page = await roundPage();
    assert.match(
      page,
      /Ruth Evans The round’s digest Waiting Our mail server could not be reached\. Tried 1 time; it will be tried again\./,
    );
    assert.doesNotMatch(page, /ECONNREFUSED|127\.0\.0\.1/);
  });

  test('an e-mail is not tried again before its back-off has passed', async () => {
    smtp = await startSmtpTestServer(port);
    smtp.answer('try-later');
    later(0.5);
    assert.deepEqual(await tick(), { sent: 0, failed: 0, bounced: 0 });
    later(0.5);
    assert.deepEqual(await tick(), { sent: 0, failed: 3, bounced: 0 });
    assert.match(
      await roundPage(),
      /Kwame Boateng The round’s digest Waiting The mail server asked us to try again later\. Tried 2 times; it will be tried again\./,
    );
  });

  test('once the mail server accepts, the digest goes; a refused address is bounced, not retried', async () => {
    smtp.answer('accept');
    smtp.answer('refuse', GONE);
    later(4);
    assert.deepEqual(await tick(), { sent: 0, failed: 0, bounced: 0 }, 'five minutes not yet up');
    later(1);
    smtp.answer('try-later', BUSY);
    assert.deepEqual(await tick(), { sent: 1, failed: 2, bounced: 1 });
    assert.deepEqual(
      smtp.take().map((m) => m.to),
      [[READY]],
    );
    const page = await roundPage();
    assert.match(page, /Ruth Evans The round’s digest Sent Sent on 1 September 2026/);
    assert.match(
      page,
      /Alex Former The round’s digest Bounced The mail server refused this address: it may be mistyped or no longer in use\. Check the address former\.employee@ashby\.gov\.uk\./,
    );
    later(24 * 60);
    // Only the busy one is tried (its fourth try): the bounced one never again.
    assert.deepEqual(await tick(), { sent: 0, failed: 1, bounced: 0 });
    assert.equal(smtp.take().length, 0);
    assert.match(await roundPage(), /Alex Former The round’s digest Bounced/);
  });

  test('after its last try, an e-mail has failed, and the page says so', async () => {
    // Four tries are done; the fifth and last comes 2 hours after the fourth.
    later(119);
    assert.deepEqual(await tick(), { sent: 0, failed: 0, bounced: 0 });
    later(1);
    assert.deepEqual(await tick(), { sent: 0, failed: 1, bounced: 0 });
    later(24 * 60);
    assert.deepEqual(await tick(), { sent: 0, failed: 0, bounced: 0 });
    assert.match(
      await roundPage(),
      /Kwame Boateng The round’s digest Failed The mail server asked us to try again later\. Tried 5 times; no more tries\./,
    );
    assert.equal(smtp.take().length, 0);
  });
});
