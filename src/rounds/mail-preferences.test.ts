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

// A person stops the rounds' e-mails on their preferences page, and the queue honours it.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'lena.fischer@brookvale.gov.uk';
const STOPS = 'sunil.rao@brookvale.gov.uk';
const KEEPS = 'aoife.byrne@brookvale.gov.uk';

before(async () => {
  smtp = await startSmtpTestServer();
  app = await testContext({ mailer: createMailer(loadConfig({ SMTP_URL: smtp.url })) });
  app.clock.set('2026-10-01T09:00:00Z');
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const period = { start: '2026-01-01', end: '2027-12-31' };
  const action = (id: string, lead: string) => ({
    ...first,
    id,
    ref: id.slice(1),
    text: `Action of the ${lead}`,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('By March 2027', period),
    status: 'AMBER',
  });
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'brookvale', name: 'Brookvale Council' },
        plan: { ...base.plan, title: 'Brookvale improvement plan' },
        actions: [action('b1', 'Head of Early Help'), action('b2', 'Head of Youth Justice')],
        measures: [],
        measureValues: [],
        risks: [],
        costs: [],
      }),
    ),
  );
  const council = await councilOf(app, planId);
  const person = (email: string, name: string) => ({ email, name, password: PASSWORD });
  await addMember(app, person(MANAGER, 'Lena Fischer'), council, { role: 'plan-manager' });
  await addMember(app, person(STOPS, 'Sunil Rao'), council, {
    role: 'action-lead',
    leadNames: ['Head of Early Help'],
  });
  await addMember(app, person(KEEPS, 'Aoife Byrne'), council, {
    role: 'action-lead',
    leadNames: ['Head of Youth Justice'],
  });
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

describe('e-mail preferences', () => {
  test('the page shows the choice, and saying neither is refused with a message', async () => {
    const sunil = await new WebClient(server).signIn(STOPS, PASSWORD);
    const page = await sunil.get('/e-mail-preferences');
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Do you want e-mails about your actions and update rounds\?/);
    assert.match(page.body, /value="yes" checked/);
    const none = await sunil.submit('/e-mail-preferences', {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /govuk-error-summary/);
    assert.match(
      none.body,
      /href="#digests">Select yes if you want e-mails about your actions and update rounds/,
    );
    const odd = await sunil.submit('/e-mail-preferences', { digests: 'sometimes' });
    assert.equal(odd.statusCode, 400);
  });

  test('a form without its CSRF token changes nothing', async () => {
    const sunil = await new WebClient(server).signIn(STOPS, PASSWORD);
    const forged = await sunil.post('/e-mail-preferences', { digests: 'no' });
    assert.equal(forged.statusCode, 403);
    assert.match((await sunil.get('/e-mail-preferences')).body, /value="yes" checked/);
  });

  test('choosing No saves, says so, and stops the round’s digest and reminder', async () => {
    const sunil = await new WebClient(server).signIn(STOPS, PASSWORD);
    const saved = await sunil.submit('/e-mail-preferences', { digests: 'no' });
    assert.equal(saved.statusCode, 303);
    const after = await sunil.get('/e-mail-preferences');
    assert.match(text(after.body), /Your e-mail preferences have been saved/);
    assert.match(after.body, /value="no" checked/);

    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const opened = await manager.submit(`/plans/${planId}/rounds/new`, {
      name: 'October 2026 update',
      'deadline-day': '16',
      'deadline-month': '10',
      'deadline-year': '2026',
      actions: ['b1', 'b2'],
    });
    assert.equal(opened.statusCode, 303);
    await app.services.roundMail.tick(app.db);
    app.clock.set('2026-10-15T09:00:00Z');
    await app.services.roundMail.tick(app.db);
    const mails = smtp.take();
    assert.deepEqual(
      mails.map((m) => [m.to.join(), m.subject.replace(/:.*/, '')]),
      [
        [KEEPS, 'October 2026 update'],
        [KEEPS, 'Reminder'],
      ],
    );
    // A fortnight on, the manager signs in again.
    const back = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const list = await back.get(`/plans/${planId}/rounds`);
    const roundHref = /href="(\/plans\/[^"]+\/rounds\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
    assert.ok(roundHref, text(list.body));
    assert.match(
      text((await back.get(roundHref)).body),
      /Sunil Rao The round’s digest and reminders Not sent They chose to stop these e-mails/,
    );
  });

  test('choosing Yes again brings them back', async () => {
    const sunil = await new WebClient(server).signIn(STOPS, PASSWORD);
    assert.equal((await sunil.submit('/e-mail-preferences', { digests: 'yes' })).statusCode, 303);
    assert.match((await sunil.get('/e-mail-preferences')).body, /value="yes" checked/);
  });
});
