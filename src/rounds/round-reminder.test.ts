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

// "Send a reminder now" on the round page: to the leads still missing an update, listing only
// those actions, queued through the outbox and received by a real SMTP server; the same form
// sent twice reminds once; recorded in the plan's history. And without SMTP_URL (development),
// the page says e-mails were written to the server log, never "Sent".

const PASSWORD = 'a long enough password';
const MANAGER = 'priya.shah@thornbury.gov.uk';
const ANA = 'ana.lopes@thornbury.gov.uk';
const BEN = 'ben.carter@thornbury.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');

function plan() {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, words: string) => ({
    ...first,
    id,
    ref,
    text: words,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('By March 2027', period),
    status: 'AMBER',
  });
  return buildPlanDocument({
    organisation: { slug: 'thornbury', name: 'Thornbury Council' },
    plan: { ...base.plan, title: 'Thornbury improvement plan' },
    actions: [
      action('t1', '2.1', 'Head of Fostering', 'Recruit foster carers for sibling groups'),
      action('t2', '2.2', 'Head of Fostering', 'Review every long-term fostering match'),
      action('t3', '2.3', 'Virtual School Head', 'Track attendance of children in care'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

/** A plan, its manager and two leads, and an open round whose digests have gone. */
async function setUp(app: Awaited<ReturnType<typeof testContext>>) {
  app.clock.set('2026-06-01T09:00:00Z');
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan()),
  );
  const council = await councilOf(app, planId);
  const person = (email: string, name: string) => ({ email, name, password: PASSWORD });
  await addMember(app, person(MANAGER, 'Priya Shah'), council, { role: 'plan-manager' });
  await addMember(app, person(ANA, 'Ana Lopes'), council, {
    role: 'action-lead',
    leadNames: ['Head of Fostering'],
  });
  await addMember(app, person(BEN, 'Ben Carter'), council, {
    role: 'action-lead',
    leadNames: ['Virtual School Head'],
  });
  const roundId = await app.transaction(async (trx) => {
    const round = await app.services.rounds.open(trx, app.changeBy('setup'), planId, {
      name: 'June 2026 update',
      deadline: '2026-06-19',
    });
    await app.services.roundMail.roundOpened(trx, planId, round.id);
    return round.id;
  });
  await app.services.roundMail.tick(app.db);
  return { planId, roundId, roundHref: `/plans/${planId}/rounds/${roundId}` };
}

const update = (app: Awaited<ReturnType<typeof testContext>>, planId: string, actionId: string) =>
  app.transaction((trx) =>
    app.services.updates.add(
      trx,
      app.changeBy('Lead'),
      planId,
      {
        actionId,
        date: app.clock.today(),
        author: 'Lead',
        text: 'Work is going to plan.',
        proposedStatus: 'AMBER',
        evidence: [],
      },
      null,
    ),
  );

describe('sending a reminder now, with a mail server', () => {
  let app: Awaited<ReturnType<typeof testContext>>;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let server: FastifyInstance;
  let planId = '';
  let roundHref = '';

  before(async () => {
    smtp = await startSmtpTestServer();
    app = await testContext({ mailer: createMailer(loadConfig({ SMTP_URL: smtp.url })) });
    ({ planId, roundHref } = await setUp(app));
    smtp.take();
    server = await buildServer(app);
  });
  after(async () => {
    await server.close();
    await app.close();
    app.mailer.close();
    await smtp.stop();
  });

  test('reminds each lead still missing an update of those actions only, once for a form sent twice', async () => {
    app.clock.set('2026-06-10T09:00:00Z');
    await update(app, planId, 't1');
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = await manager.get(roundHref);
    assert.match(page.body, /Send a reminder now/);
    const form = {
      _csrf: manager.csrf(page.body),
      token: manager.field(page.body, 'token'),
    };
    const first = await manager.post(`${roundHref}/remind`, form);
    assert.equal(first.statusCode, 303);
    assert.equal(smtp.take().length, 0, 'the page only queues');
    const again = await manager.post(`${roundHref}/remind`, form);
    assert.equal(again.statusCode, 303, 'a double click is not an error');
    const shown = text((await manager.get(roundHref)).body);
    assert.match(shown, /A reminder is on its way to each lead who has not updated yet/);
    assert.match(shown, /Ana Lopes Reminder sent from this page Waiting Waiting to be sent/);

    const result = await app.services.roundMail.tick(app.db);
    assert.equal(result.sent, 2);
    const mails = Object.fromEntries(smtp.take().map((m) => [m.to.join(','), m]));
    assert.deepEqual(Object.keys(mails).sort(), [ANA, BEN].sort());
    const ana = mails[ANA];
    assert.equal(ana?.subject, 'Reminder: June 2026 update updates are due by 19 June 2026');
    assert.match(ana.text, /- Action 2\.2: Review every long-term fostering match/);
    assert.doesNotMatch(ana.text, /Recruit foster carers/, 'the updated action is left out');
    assert.match(mails[BEN]?.text ?? '', /- Action 2\.3: Track attendance of children in care/);

    const after = text((await manager.get(roundHref)).body);
    assert.match(after, /Ana Lopes Reminder sent from this page Sent Sent on 10 June 2026/);
    assert.equal(after.match(/Reminder sent from this page/g)?.length, 2, 'one each, not two');
    const history = text((await manager.get(`/plans/${planId}/audit`)).body);
    assert.equal(history.match(/Reminder queued for Ana Lopes, Ben Carter/g)?.length, 1);
  });

  test('when everyone has updated, it says there is nobody to remind and queues nothing', async () => {
    await update(app, planId, 't2');
    await update(app, planId, 't3');
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const refused = await manager.submit(roundHref, {}, `${roundHref}/remind`);
    assert.equal(refused.statusCode, 400);
    assert.match(text(refused.body), /There is a problem/);
    assert.match(
      text(refused.body),
      /Every lead with an e-mail address has updated all their actions in this round/,
    );
    assert.match(refused.body, /href="#remind"/);
    assert.equal((await app.services.roundMail.tick(app.db)).sent, 0);
    assert.equal(smtp.take().length, 0);
  });

  test('a closed round has no reminder button, and a reminder sent to it is refused', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = await manager.get(roundHref);
    const csrf = manager.csrf(page.body);
    const closed = await manager.post(`${roundHref}/close`, { _csrf: csrf });
    assert.equal(closed.statusCode, 303);
    const shown = await manager.get(roundHref);
    assert.doesNotMatch(shown.body, /Send a reminder now/);
    const refused = await manager.post(`${roundHref}/remind`, { _csrf: csrf });
    assert.equal(refused.statusCode, 400);
    assert.match(
      text(refused.body),
      /‘June 2026 update’ has closed: there is nobody left to remind/,
    );
  });

  test('a lead cannot send reminders', async () => {
    const lead = await new WebClient(server).signIn(ANA, PASSWORD);
    const home = await lead.get('/');
    const response = await lead.post(`${roundHref}/remind`, { _csrf: lead.csrf(home.body) });
    assert.equal(response.statusCode, 403);
  });
});

describe('without a mail server (SMTP_URL not set)', () => {
  let app: Awaited<ReturnType<typeof testContext>>;
  let server: FastifyInstance;
  const logged: string[] = [];
  let roundHref = '';

  before(async () => {
    app = await testContext({ mailer: createMailer(loadConfig({}), (l) => logged.push(l)) });
    ({ roundHref } = await setUp(app));
    server = await buildServer(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  test('the round page says the e-mails were written to the server log, never "Sent"', async () => {
    assert.ok(logged.some((l) => /NOT SENT: SMTP_URL is not set\] to ana\.lopes@/.test(l)));
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = text((await manager.get(roundHref)).body);
    assert.match(
      page,
      /Ana Lopes The round’s digest Not sent Written to the server log on 1 June 2026 \(no e-mail server is set up\)/,
    );
    assert.doesNotMatch(page, /Sent on/);
    assert.match(page, /No e-mail server is set up on this server \(SMTP_URL\)/);
  });

  test('a reminder sent now says it was written to the server log and nobody will receive it', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const sent = await manager.submit(roundHref, {}, `${roundHref}/remind`);
    assert.equal(sent.statusCode, 303);
    const page = text((await manager.get(roundHref)).body);
    assert.match(page, /has been written to the server log: no e-mail server is set up/);
    await app.services.roundMail.tick(app.db);
    const after = text((await manager.get(roundHref)).body);
    assert.match(
      after,
      /Ben Carter Reminder sent from this page Not sent Written to the server log/,
    );
    assert.doesNotMatch(after, /Sent on/);
  });
});
