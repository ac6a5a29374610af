import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Inviting people, choosing a password, changing roles and deactivating, against the fully
// wired app with a real SMTP server receiving the e-mails.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let planA: string;
let councilA: string;
const PASSWORD = 'a long enough password';
const PUBLIC_URL = 'https://plans.testshire.example';

before(async () => {
  smtp = await startSmtpTestServer();
  app = await testContext({ mailer: createMailer(loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL })) });
  app.clock.set('2026-06-15T09:00:00Z');
  const importPlan = (slug: string, name: string) =>
    app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('setup'),
        buildPlanDocument({ organisation: { slug, name } }),
      ),
    );
  planA = await importPlan('testshire', 'Testshire County Council');
  const planB = await importPlan('otherton', 'Otherton Borough Council');
  councilA = await councilOf(app, planA);
  const councilB = await councilOf(app, planB);
  const person = (who: string) => ({
    email: `${who}@example.org`,
    name: `The ${who}`,
    password: PASSWORD,
  });
  await addMember(app, person('admin'), councilA, { role: 'administrator' });
  await addMember(app, person('viewer'), councilA, { role: 'viewer' });
  await addMember(app, person('elsewhere'), councilB, { role: 'administrator' });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
  await smtp.stop();
});

/** A new client signed in as `who` (a name at example.org, or a whole address). */
const signedIn = (who: string) =>
  new WebClient(server).signIn(who.includes('@') ? who : `${who}@example.org`, PASSWORD);

/** The path of the one e-mail just received, with its checks. */
function mailedPath(to: string, subject: RegExp): string {
  const mails = smtp.take();
  assert.equal(mails.length, 1, 'one e-mail was sent');
  const [mail] = mails;
  assert.deepEqual(mail?.to, [to]);
  assert.match(mail.subject, subject);
  const link = mail.link ?? '';
  assert.ok(link.startsWith(`${PUBLIC_URL}/`), `the link uses PUBLIC_URL: ${link}`);
  return link.slice(PUBLIC_URL.length);
}

const invite = (admin: WebClient, form: Record<string, string>) =>
  admin.submit('/councils/testshire/people/invite', form);

describe('inviting a person', () => {
  test('invite → e-mail → choose a password → signed in with the role', async () => {
    const admin = await signedIn('admin');
    const sent = await invite(admin, {
      email: 'new.lead@testshire.gov.uk',
      name: 'New Lead',
      role: 'action-lead',
      leadNames: 'Service Manager, Leaving Care',
    });
    assert.equal(sent.statusCode, 303);
    const people = await admin.get(sent.headers.location as string);
    assert.match(people.body, /Invitation sent/);
    assert.match(people.body, /New Lead[\s\S]*Action lead[\s\S]*Invited/);
    const path = mailedPath('new.lead@testshire.gov.uk', /invited to Getting to Good by Testshire/);
    assert.match(path, /^\/invitations\/[A-Za-z0-9_-]{40,}$/);

    const invitee = new WebClient(server);
    const form = await invitee.get(path);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Choose your password/);
    assert.match(form.body, /new\.lead@testshire\.gov\.uk/);
    const done = await invitee.post(path, {
      _csrf: invitee.csrf(form.body),
      password: 'kettle mango harbour',
    });
    assert.equal(done.statusCode, 303);
    assert.ok(invitee.cookies.has('g2g_session'), 'signed in');
    const councils = await invitee.get('/councils');
    assert.match(councils.body, /Testshire County Council/);
    assert.match(councils.body, /Your role: Action lead/);
    const update = await invitee.get(`/plans/${planA}/actions/a1/updates/new`);
    assert.equal(update.statusCode, 200, 'the lead may update the action they lead');

    // The link worked once.
    const again = await new WebClient(server).get(path);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /This invitation has already been used/);
    const log = await app.transaction((trx) =>
      app.services.access.listAudit(trx, { organisationId: councilA, kind: 'user-invited' }),
    );
    assert.equal(log[0]?.email, 'new.lead@testshire.gov.uk');
  });

  test('an expired invitation is refused with a page that says what to do', async () => {
    const admin = await signedIn('admin');
    await invite(admin, { email: 'late@testshire.gov.uk', name: 'Late Person', role: 'viewer' });
    const path = mailedPath('late@testshire.gov.uk', /invited/);
    app.clock.set('2026-06-23T09:00:00Z');
    try {
      const page = await new WebClient(server).get(path);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /This invitation has expired/);
      assert.match(page.body, /Ask an administrator of your council to invite you again/);
    } finally {
      app.clock.set('2026-06-15T09:00:00Z');
    }
    const unknown = await new WebClient(server).get('/invitations/not-a-real-token-at-all-000000');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /This invitation link does not work/);
  });

  test('a weak or common password is refused with the GOV.UK error pattern, and the link still works', async () => {
    const admin = await signedIn('admin');
    await invite(admin, { email: 'careful@testshire.gov.uk', name: 'Careful', role: 'viewer' });
    const path = mailedPath('careful@testshire.gov.uk', /invited/);
    const invitee = new WebClient(server);
    for (const [password, words] of [
      ['short one', 'Your password must be at least 12 characters long'],
      ['Password123456!', 'Your password is one of the most common passwords'],
      ['careful careful me', 'Your password must not contain your email address'],
    ] as const) {
      const page = await invitee.submit(path, { password });
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /There is a problem/);
      assert.match(page.body, /<title>Error: Choose your password - Getting to Good<\/title>/);
      assert.equal(
        page.body.split(words).length - 1,
        2,
        `"${words}" in the summary and on the field`,
      );
      assert.match(page.body, /href="#password"/);
    }
    assert.equal(invitee.cookies.has('g2g_session'), false);
    assert.equal((await invitee.submit(path, { password: 'plum orbit lantern' })).statusCode, 303);
  });

  test('an adviser needs a plan and an end date; errors show on their fields', async () => {
    const admin = await signedIn('admin');
    const page = await invite(admin, {
      email: 'adviser@dfe.example',
      name: 'Adviser',
      role: 'adviser',
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Select the plan the adviser may see/);
    assert.match(page.body, /href="#expires-day"/);
    const ok = await invite(admin, {
      email: 'adviser@dfe.example',
      name: 'Adviser',
      role: 'adviser',
      planId: planA,
      'expires-day': '31',
      'expires-month': '3',
      'expires-year': '2027',
    });
    assert.equal(ok.statusCode, 303);
    mailedPath('adviser@dfe.example', /invited/);
    const people = await admin.get('/councils/testshire/people');
    assert.match(people.body, /External adviser of Testshire[^<]* until 31 March 2027/);
  });

  test('people pages and the invite form: 403 for a member who is not an administrator, 404 for another council', async () => {
    const viewer = await signedIn('viewer');
    const elsewhere = await signedIn('elsewhere');
    for (const url of ['/councils/testshire/people', '/councils/testshire/people/invite']) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
      const foreign = await elsewhere.get(url);
      assert.equal(foreign.statusCode, 404, url);
      assert.doesNotMatch(foreign.body, /Testshire/);
    }
    const councils = await viewer.get('/councils');
    assert.match(councils.body, /Testshire County Council/);
    assert.doesNotMatch(councils.body, /href="\/councils\/testshire\/people"/);
    const ownForm = await elsewhere.get('/councils/otherton/people/invite');
    const form = {
      _csrf: elsewhere.csrf(ownForm.body),
      email: 'sneaky@example.org',
      name: 'Sneaky',
      role: 'administrator',
    };
    assert.equal((await elsewhere.post('/councils/testshire/people/invite', form)).statusCode, 404);
    const viewerForm = viewer.csrf((await viewer.get('/councils')).body);
    const refused = await viewer.post('/councils/testshire/people/invite', {
      ...form,
      _csrf: viewerForm,
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(smtp.take().length, 0, 'no e-mail went out');
    const sneaky = await app.transaction((trx) =>
      app.services.accounts.findUserByEmail(trx, 'sneaky@example.org'),
    );
    assert.equal(sneaky, undefined);
  });

  test('an invitation without its CSRF token is refused and nothing happens', async () => {
    const admin = await signedIn('admin');
    const page = await admin.post('/councils/testshire/people/invite', {
      email: 'forged@example.org',
      name: 'Forged',
      role: 'administrator',
    });
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /Your form could not be sent/);
    assert.equal(smtp.take().length, 0);
    const forged = await app.transaction((trx) =>
      app.services.accounts.findUserByEmail(trx, 'forged@example.org'),
    );
    assert.equal(forged, undefined);
  });
});

describe('changing roles and deactivating', () => {
  test('change role, deactivate (signed out, no access) and reactivate, each audited', async () => {
    const admin = await signedIn('admin');
    await invite(admin, { email: 'mover@testshire.gov.uk', name: 'Mover', role: 'viewer' });
    const path = mailedPath('mover@testshire.gov.uk', /invited/);
    const mover = new WebClient(server);
    await mover.submit(path, { password: 'walnut harbour lantern' });
    const userId =
      (
        await app.transaction((trx) =>
          app.services.accounts.findUserByEmail(trx, 'mover@testshire.gov.uk'),
        )
      )?.id ?? '';

    const people = await admin.get('/councils/testshire/people');
    assert.match(people.body, new RegExp(`/councils/testshire/people/change\\?person=${userId}`));
    const changed = await admin.submit(
      `/councils/testshire/people/change?person=${userId}`,
      { person: userId, role: 'plan-manager' },
      '/councils/testshire/people/role',
    );
    assert.equal(changed.statusCode, 303);
    assert.equal(
      (await mover.get(`/plans/${planA}/actions/a1/edit`)).statusCode,
      200,
      'now a plan manager',
    );

    const deactivated = await admin.submit(
      `/councils/testshire/people/change?person=${userId}`,
      { person: userId },
      '/councils/testshire/people/deactivate',
    );
    assert.equal(deactivated.statusCode, 303);
    const list = await admin.get(deactivated.headers.location as string);
    assert.match(list.body, /Person deactivated/);
    assert.match(list.body, /<h2 class="govuk-heading-m">Deactivated<\/h2>[\s\S]*Mover/);
    const afterwards = await mover.get(`/plans/${planA}`);
    assert.equal(afterwards.statusCode, 302, 'their session ended');
    await mover.signIn('mover@testshire.gov.uk', 'walnut harbour lantern');
    assert.equal(
      (await mover.get(`/plans/${planA}`)).statusCode,
      404,
      'nothing of the council shows',
    );

    const reactivated = await admin.post('/councils/testshire/people/reactivate', {
      _csrf: admin.csrf(list.body),
      person: userId,
    });
    assert.equal(reactivated.statusCode, 303);
    const back = await admin.get('/councils/testshire/people');
    assert.match(back.body, /Mover[\s\S]*Plan manager/);

    const kinds = (
      await app.transaction((trx) =>
        app.services.access.listAudit(trx, { organisationId: councilA }),
      )
    ).map((e) => e.kind);
    for (const kind of ['user-invited', 'role-changed', 'user-deactivated', 'user-reactivated']) {
      assert.ok(kinds.includes(kind), kind);
    }
  });

  test('the only administrator cannot remove themselves', async () => {
    const admin = await signedIn('admin');
    const adminId =
      (
        await app.transaction((trx) =>
          app.services.accounts.findUserByEmail(trx, 'admin@example.org'),
        )
      )?.id ?? '';
    const page = await admin.submit(
      `/councils/testshire/people/change?person=${adminId}`,
      { person: adminId, role: 'viewer' },
      '/councils/testshire/people/role',
    );
    assert.equal(page.statusCode, 400);
    assert.match(
      page.body,
      /The admin is the only administrator of Testshire County Council: make someone else an administrator first/,
    );
  });
});
