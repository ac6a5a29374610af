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

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
const EMAIL = 'forgetful@testshire.gov.uk';
const OLD = 'first chosen passphrase';
const NEW = 'second better passphrase';

before(async () => {
  smtp = await startSmtpTestServer();
  app = await testContext({ mailer: createMailer(loadConfig({ SMTP_URL: smtp.url })) });
  app.clock.set('2026-06-15T09:00:00Z');
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Forgetful', password: OLD },
    await councilOf(app, planId),
    { role: 'viewer' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
  await smtp.stop();
});

/** A browser-like client; each address has its own sign-in and reset throttles. */
const client = (remoteAddress = '203.0.113.1') => new WebClient(server, { remoteAddress });

const signIn = (browser: WebClient, password: string) =>
  browser.submit('/sign-in', { email: EMAIL, password });

describe('resetting a forgotten password', () => {
  test('the sign-in page links to it', async () => {
    const page = await client().get('/sign-in');
    assert.match(
      page.body,
      /<a class="govuk-link" href="\/password-reset">Forgotten your password\?<\/a>/,
    );
  });

  test('request → e-mail → new password → signed in, every other session ended, audited', async () => {
    const elsewhere = client('198.51.100.7');
    assert.equal((await signIn(elsewhere, OLD)).statusCode, 303);

    const asked = await client().submit('/password-reset', { email: EMAIL });
    assert.equal(asked.statusCode, 200);
    assert.match(
      asked.body,
      /If there is an account for forgetful@testshire\.gov\.uk, we have sent it a link/,
    );
    const mail = await smtp.next();
    assert.equal(smtp.take().length, 0);
    assert.deepEqual(mail?.to, [EMAIL]);
    assert.equal(mail.subject, 'Reset your Getting to Good password');
    const path = (mail.link ?? '').replace('http://localhost:3000', '');
    assert.match(path, /^\/password-reset\/[A-Za-z0-9_-]{40,}$/);

    const browser = client();
    const weak = await browser.submit(path, { password: 'qwertyuiop123' });
    assert.equal(weak.statusCode, 400);
    assert.equal(
      weak.body.split('Your password is one of the most common passwords').length - 1,
      2,
    );
    const done = await browser.submit(path, { password: NEW });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/');
    assert.equal((await browser.get('/plans')).statusCode, 200, 'signed in with the new password');
    assert.equal((await elsewhere.get('/plans')).statusCode, 302, 'the other session has ended');

    assert.equal((await signIn(client(), OLD)).statusCode, 400, 'the old password no longer works');
    assert.equal((await signIn(client(), NEW)).statusCode, 303);
    const reused = await client().get(path);
    assert.equal(reused.statusCode, 410);
    assert.match(reused.body, /This password reset link has already been used/);
    const kinds = (
      await app.transaction((trx) => app.services.access.listAudit(trx, { email: EMAIL }))
    ).map((e) => e.kind);
    assert.ok(kinds.includes('password-reset-requested') && kinds.includes('password-reset'));
  });

  test('an expired link is refused and offers a new one', async () => {
    await client().submit('/password-reset', { email: EMAIL });
    const path = ((await smtp.next()).link ?? '').replace('http://localhost:3000', '');
    app.clock.set('2026-06-15T10:01:00Z');
    try {
      const page = await client().get(path);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /This password reset link has expired/);
      assert.match(page.body, /href="\/password-reset">Ask for a new link/);
    } finally {
      app.clock.set('2026-06-15T09:00:00Z');
    }
  });

  test('an unknown address gets the same answer and no e-mail (no enumeration)', async () => {
    const page = await client('192.0.2.50').submit('/password-reset', {
      email: 'nobody@testshire.gov.uk',
    });
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /If there is an account for nobody@testshire\.gov\.uk, we have sent it a link/,
    );
    // Mail goes after the answer: ask for a real account too, and the next e-mail is its.
    await client('192.0.2.51').submit('/password-reset', { email: EMAIL });
    assert.deepEqual((await smtp.next()).to, [EMAIL]);
    assert.equal(smtp.take().length, 0);
  });

  test('requests for one email address are throttled, with a message saying when to try again', async () => {
    app.clock.set('2026-06-16T09:00:00Z');
    const browser = client('192.0.2.99');
    for (let i = 0; i < 3; i++) {
      const page = await browser.submit('/password-reset', { email: 'someone@testshire.gov.uk' });
      assert.equal(page.statusCode, 200);
    }
    const refused = await browser.submit('/password-reset', { email: 'someone@testshire.gov.uk' });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Too many requests to reset a password. Wait 15 minutes/);
  });

  test('a reset form without its CSRF token is refused', async () => {
    const browser = client();
    await browser.get('/password-reset');
    const page = await server.inject({
      method: 'POST',
      url: '/password-reset',
      payload: 'email=forgetful%40testshire.gov.uk',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: Object.fromEntries(browser.cookies),
    });
    assert.equal(page.statusCode, 403);
    assert.equal(smtp.take().length, 0);
  });
});
