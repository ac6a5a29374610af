import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { createMailer } from './mailer.js';
import { startSmtpTestServer } from './smtp-test-server.js';

let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
before(async () => {
  smtp = await startSmtpTestServer();
});
after(() => smtp.stop());

const message = {
  to: 'new.person@testshire.gov.uk',
  subject: 'You have been invited to Getting to Good',
  text: 'Open this link to choose a password:\n\nhttps://g2g.example/invitations/abc123\n',
  link: 'https://g2g.example/invitations/abc123',
};

describe('the mailer', () => {
  test('with SMTP_URL, the message reaches the SMTP server with its recipient, subject and link', async () => {
    const mailer = createMailer(
      loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Testshire <g2g@testshire.gov.uk>' }),
    );
    assert.equal(mailer.mode, 'smtp');
    await mailer.send(message);
    mailer.close();
    const [mail] = smtp.take();
    assert.deepEqual(mail?.to, ['new.person@testshire.gov.uk']);
    assert.equal(mail.subject, 'You have been invited to Getting to Good');
    assert.equal(mail.from, 'Testshire <g2g@testshire.gov.uk>');
    assert.equal(mail.link, 'https://g2g.example/invitations/abc123');
  });

  test('links are made from PUBLIC_URL', () => {
    const mailer = createMailer(loadConfig({ PUBLIC_URL: 'https://plans.council.gov.uk/' }));
    assert.equal(
      mailer.link('/password-reset/xyz'),
      'https://plans.council.gov.uk/password-reset/xyz',
    );
    assert.equal(createMailer(loadConfig({})).link('/a'), 'http://localhost:3000/a');
  });

  test('without SMTP_URL in development, the link is printed, clearly labelled as not sent', async () => {
    const lines: string[] = [];
    const mailer = createMailer(loadConfig({}), (line) => lines.push(line));
    assert.equal(mailer.mode, 'log');
    await mailer.send(message);
    const printed = lines.join('\n');
    assert.match(printed, /e-mail NOT SENT: SMTP_URL is not set/);
    assert.match(printed, /new\.person@testshire\.gov\.uk/);
    assert.match(printed, /link: https:\/\/g2g\.example\/invitations\/abc123/);
  });

  test('without SMTP_URL in production, sending is refused with a reason, not dropped', async () => {
    const mailer = createMailer(loadConfig({ NODE_ENV: 'production' }), () => {
      throw new Error('must not print');
    });
    assert.equal(mailer.mode, 'off');
    await assert.rejects(mailer.send(message), /E-mail is not set up on this server \(SMTP_URL\)/);
  });

  test('the server sends e-mail every minute unless MAIL_TICK_SECONDS says otherwise', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production' }).mailTickSeconds, 60);
    assert.equal(loadConfig({ MAIL_TICK_SECONDS: '0' }).mailTickSeconds, 0);
    assert.equal(loadConfig({}).mailTickSeconds, 0, 'off under the test runner');
    assert.throws(
      () => loadConfig({ MAIL_TICK_SECONDS: 'hourly' }),
      /Setting MAIL_TICK_SECONDS must be a number of seconds, such as 60, or 0 for never/,
    );
  });

  test('a bad SMTP_URL fails at start-up with the setting named', () => {
    assert.throws(
      () => loadConfig({ SMTP_URL: 'mail.example.org' }),
      /Setting SMTP_URL must look like smtp:\/\/host:port/,
    );
  });
});
