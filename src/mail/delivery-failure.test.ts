import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { deliveryFailure, REASONS } from './delivery-failure.js';
import { createMailer } from './mailer.js';

// How a failed send is read: bounced for good, or tried again, and why in plain words.

describe('reading a failed send', () => {
  test('a 5xx answer is a bounce, a 4xx answer is worth another try', () => {
    const bounce = deliveryFailure(
      Object.assign(new Error('550 no such user'), { responseCode: 550 }),
    );
    assert.deepEqual([bounce.permanent, bounce.reason], [true, REASONS.refused]);
    const later = deliveryFailure(Object.assign(new Error('451 busy'), { responseCode: 451 }));
    assert.deepEqual([later.permanent, later.reason], [false, REASONS.later]);
  });

  test('a connection that fails is tried again; the detail is kept for the log only', () => {
    const failure = deliveryFailure(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }),
    );
    assert.deepEqual([failure.permanent, failure.reason], [false, REASONS.unreachable]);
    assert.match(failure.detail, /ECONNREFUSED/);
    assert.doesNotMatch(failure.reason, /ECONNREFUSED|ESOCKET/);
  });

  test('a production server without SMTP_URL says e-mail is not set up', async () => {
    const mailer = createMailer(loadConfig({ NODE_ENV: 'production' }));
    const error: unknown = await mailer
      .send({ to: 'a@b.gov.uk', subject: 's', text: 't', link: 'https://x/' })
      .catch((e: unknown) => e);
    const failure = deliveryFailure(error);
    assert.deepEqual([failure.permanent, failure.reason], [false, REASONS.notSetUp]);
  });
});
