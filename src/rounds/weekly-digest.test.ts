import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { createMailer } from '../mail/mailer.js';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { weekStartOf } from './weekly-digest.service.js';

// The weekly digest: each lead, once a week, gets the actions they lead that are overdue or
// due in the next 30 days; nothing when nothing is; never twice in one week.

let app: Awaited<ReturnType<typeof testContext>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let userIds: Record<string, string> = {};
const PUBLIC_URL = 'https://plans.kelby.gov.uk';
const BUSY = 'hannah.lee@kelby.gov.uk';
const CALM = 'joseph.mensah@kelby.gov.uk';
const QUIET = 'yusuf.ali@kelby.gov.uk';

before(async () => {
  smtp = await startSmtpTestServer();
  app = await testContext({
    mailer: createMailer(loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL })),
  });
  app.clock.set('2026-04-13T07:00:00Z'); // a Monday
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const period = { start: '2026-01-01', end: '2027-12-31' };
  const action = (id: string, lead: string, due: string, status: string, text: string) => ({
    ...first,
    id,
    ref: `7.${id.slice(1)}`,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate(due, period),
    status,
  });
  const planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'kelby', name: 'Kelby Council' },
        plan: { ...base.plan, title: 'Kelby improvement plan' },
        actions: [
          action('k1', 'Head of Care Leavers', 'By March 2026', 'RED', 'Open the care leavers hub'),
          action('k2', 'Head of Care Leavers', 'By 30 April 2026', 'AMBER', 'Agree a local offer'),
          action('k3', 'Head of Care Leavers', 'By December 2026', 'AMBER', 'Recruit mentors'),
          action('k4', 'Head of Care Leavers', 'By January 2026', 'BLUE', 'Survey care leavers'),
          action('k5', 'Head of Virtual School', 'By March 2027', 'AMBER', 'Review PEPs'),
          action('k6', 'Head of Fostering', 'By 20 April 2026', 'AMBER', 'Approve carers'),
        ],
        measures: [],
        measureValues: [],
        risks: [],
        costs: [],
      }),
    ),
  );
  const council = await councilOf(app, planId);
  const person = (email: string, name: string) => ({ email, name, password: 'long password ok!' });
  userIds = {
    busy: await addMember(app, person(BUSY, 'Hannah Lee'), council, {
      role: 'action-lead',
      leadNames: ['Head of Care Leavers'],
    }),
    calm: await addMember(app, person(CALM, 'Joseph Mensah'), council, {
      role: 'action-lead',
      leadNames: ['Head of Virtual School'],
    }),
    quiet: await addMember(app, person(QUIET, 'Yusuf Ali'), council, {
      role: 'action-lead',
      leadNames: ['Head of Fostering'],
    }),
  };
  await app.transaction((trx) =>
    app.services.roundMail.setDigestsWanted(trx, userIds.quiet ?? '', false),
  );
});
after(async () => {
  await app.close();
  app.mailer.close();
  await smtp.stop();
});

const tick = () => app.services.roundMail.tick(app.db);

describe('the weekly digest', () => {
  test('weeks start on Monday', () => {
    assert.equal(weekStartOf('2026-04-13'), '2026-04-13');
    assert.equal(weekStartOf('2026-04-19'), '2026-04-13');
    assert.equal(weekStartOf('2026-04-20'), '2026-04-20');
    assert.equal(weekStartOf('2027-01-01'), '2026-12-28');
  });

  test('a lead gets their overdue and soon-due actions, not the complete or far-off ones', async () => {
    await tick();
    const mails = smtp.take();
    assert.deepEqual(
      mails.map((m) => m.to.join()),
      [BUSY],
      'nothing due: no digest; stopped: no digest',
    );
    const [mail] = mails;
    assert.ok(mail);
    assert.equal(mail.subject, 'Your actions this week: 1 overdue, 1 due soon');
    assert.match(mail.contentType, /^text\/plain/);
    assert.match(
      mail.text,
      /1 action you lead overdue:\n- Action 7\.1 \(Kelby improvement plan\): Open the care leavers hub\. Due by 31 March 2026/,
    );
    assert.match(
      mail.text,
      /1 action you lead due in the next 30 days:\n- Action 7\.2 .*Agree a local offer/,
    );
    assert.doesNotMatch(mail.text, /Recruit mentors|Survey care leavers/);
    assert.equal(mail.link, `${PUBLIC_URL}/`);
    assert.match(mail.text, /To stop them, .*https:\/\/plans\.kelby\.gov\.uk\/e-mail-preferences/);
  });

  test('it goes once a week: not again later that week, again the next week', async () => {
    app.clock.set('2026-04-16T07:00:00Z');
    await tick();
    assert.equal(smtp.take().length, 0);
    app.clock.set('2026-04-21T07:00:00Z'); // the Tuesday of the next week
    await tick();
    await tick();
    assert.deepEqual(
      smtp.take().map((m) => [m.to.join(), m.subject]),
      [[BUSY, 'Your actions this week: 1 overdue, 1 due soon']],
    );
    app.clock.set('2026-05-05T07:00:00Z'); // two weeks on, 30 April has passed
    await tick();
    await tick();
    const mails = smtp.take();
    assert.deepEqual(
      mails.map((m) => [m.to.join(), m.subject]),
      [[BUSY, 'Your actions this week: 2 overdue']],
    );
  });
});
