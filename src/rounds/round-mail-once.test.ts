import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../cli/program.js';
import { type AppContext, createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { fixedClock } from '../lib/clock.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { OutboxRepository } from '../mail/outbox.repository.js';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// Each e-mail goes once, whoever sends it: two processes ticking at the same moment on one
// PostgreSQL database (on PGlite, which one process holds, two ticks at once), a restart, and
// the scheduler inside g2g serve (two servers at once on PostgreSQL).

const LEADS = 24;
const onPostgres = Boolean(process.env.DATABASE_URL);
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
const clock = fixedClock('2026-06-01T09:00:00Z');
let env: Record<string, string>;

const open = (): Promise<AppContext> => createAppContext(loadConfig(env), { clock });
const MANAGER = 'improvement.manager@harwick.gov.uk';
const email = (n: number) => `lead.${n}@harwick.gov.uk`;

function plan() {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const period = { start: '2026-01-01', end: '2027-12-31' };
  return buildPlanDocument({
    organisation: { slug: 'harwick', name: 'Harwick Borough Council' },
    plan: { ...base.plan, title: 'Harwick improvement plan' },
    actions: Array.from({ length: LEADS }, (_, i) => ({
      ...first,
      id: `h${i + 1}`,
      ref: `1.${i + 1}`,
      text: `Improvement action number ${i + 1}`,
      leads: [{ name: `Service lead ${i + 1}`, kind: 'role' as const }],
      due: parseFuzzyDate('By March 2027', period),
      status: 'AMBER',
    })),
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  database = await freshDatabaseEnv();
  smtp = await startSmtpTestServer();
  env = { ...database.env, SMTP_URL: smtp.url, PUBLIC_URL: 'https://plans.harwick.gov.uk' };
  const app = await open();
  try {
    const planId = await app.transaction((trx) =>
      app.services.documents.import(trx, app.changeBy('setup'), plan()),
    );
    const council = await councilOf(app, planId);
    await addMember(
      app,
      { email: MANAGER, name: 'Plan Manager', password: 'a long enough password' },
      council,
      { role: 'plan-manager' },
    );
    for (let n = 1; n <= LEADS; n += 1)
      await addMember(
        app,
        { email: email(n), name: `Lead ${n}`, password: 'a long enough password' },
        council,
        { role: 'action-lead', leadNames: [`Service lead ${n}`] },
      );
    await app.transaction(async (trx) => {
      const round = await app.services.rounds.open(trx, app.changeBy('setup'), planId, {
        name: 'June 2026 update',
        deadline: '2026-06-19',
      });
      await app.services.roundMail.roundOpened(trx, planId, round.id);
    });
  } finally {
    await app.close();
  }
});
after(async () => {
  await smtp.stop();
  await database.cleanup();
});

/** Asserts every lead got exactly one of the e-mails taken, and returns their subjects. */
function oncePerLead(mails: ReturnType<typeof smtp.take>): string[] {
  const recipients = mails.map((m) => m.to.join(','));
  assert.equal(mails.length, LEADS, `${mails.length} e-mails for ${LEADS} leads`);
  assert.deepEqual(
    [...new Set(recipients)].sort(),
    Array.from({ length: LEADS }, (_, i) => email(i + 1)).sort(),
  );
  return [...new Set(mails.map((m) => m.subject))];
}

describe('each e-mail is sent once', () => {
  test('two ticks at the same moment (two processes on PostgreSQL) send each digest once', async () => {
    const first = await open();
    const second = onPostgres ? await open() : first;
    try {
      const results = await Promise.all([
        first.services.roundMail.tick(first.db),
        second.services.roundMail.tick(second.db),
        first.services.roundMail.tick(first.db),
      ]);
      assert.equal(
        results.reduce((n, r) => n + r.sent, 0),
        LEADS,
      );
      assert.deepEqual(oncePerLead(smtp.take()), [
        'June 2026 update: your updates are due by 19 June 2026',
      ]);
    } finally {
      if (second !== first) await second.close();
      await first.close();
    }
  });

  test('after a restart, nothing already sent is sent again', async () => {
    const restarted = await open();
    try {
      const result = await restarted.services.roundMail.tick(restarted.db);
      assert.equal(result.sent, 0);
      assert.equal(smtp.take().length, 0);
    } finally {
      await restarted.close();
    }
  });

  test('the scheduler in g2g serve sends what falls due once (two servers on PostgreSQL)', async () => {
    clock.set('2026-06-17T08:00:00Z');
    const start = smtp.received.length;
    const servers: Array<{ printed: string[]; stop: () => Promise<void> }> = [];
    for (let n = 0; n < (onPostgres ? 2 : 1); n += 1) {
      const printed: string[] = [];
      let stop: () => Promise<void> = () => Promise.resolve();
      const code = await runCli(['serve', '--port', '0'], {
        out: (line) => printed.push(line),
        err: (line) => printed.push(line),
        env: { ...env, MAIL_TICK_SECONDS: '1' },
        context: { clock },
        onServe: (s) => {
          stop = s;
        },
      });
      assert.equal(code, 0, printed.join('\n'));
      servers.push({ printed, stop });
    }
    try {
      assert.ok(
        servers[0]?.printed.includes(
          'E-mails that are due are sent every second (MAIL_TICK_SECONDS)',
        ),
        servers[0]?.printed.join('\n'),
      );
      for (let n = 0; n < LEADS; n += 1) await smtp.next();
    } finally {
      for (const server of servers) await server.stop();
    }
    // Both schedulers have stopped: whatever either sent has arrived.
    assert.deepEqual(oncePerLead(smtp.received.slice(start)), [
      'Reminder: June 2026 update updates are due by 19 June 2026',
    ]);
  });

  test(
    'e-mails another process holds are skipped, not waited for, and go once it lets go',
    { skip: onPostgres ? false : 'needs two connections: PostgreSQL only' },
    async () => {
      const holder = await open();
      const sender = await open();
      const outbox = new OutboxRepository();
      const now = clock.now();
      try {
        await sender.transaction((trx) =>
          outbox.enqueue(
            trx,
            Array.from({ length: LEADS }, (_, i) => ({
              kind: 'note',
              dedupeKey: `note:${i + 1}`,
              recipient: email(i + 1),
              recipientName: `Lead ${i + 1}`,
              subject: 'A note',
              body: 'A note.',
              link: 'https://plans.harwick.gov.uk/',
              nextAttemptAt: now,
              createdAt: now,
            })),
          ),
        );
        // The holder claims five and, as a process that stops mid-claim, never commits.
        let release: () => void = () => undefined;
        const held = holder.transaction(async (trx) => {
          const claimed = await outbox.claim(trx, now, now, 5);
          assert.equal(claimed.length, 5);
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          throw new Error('stopped mid-claim');
        });
        const meanwhile = await sender.services.roundMail.tick(sender.db);
        assert.equal(meanwhile.sent, LEADS - 5);
        release();
        await assert.rejects(held, /stopped mid-claim/);
        const after = await sender.services.roundMail.tick(sender.db);
        assert.equal(after.sent, 5);
        assert.deepEqual(oncePerLead(smtp.take()), ['A note']);
      } finally {
        await holder.close();
        await sender.close();
      }
    },
  );

  test('without MAIL_TICK_SECONDS, a server under the tests sends nothing and says to use cron', async () => {
    const printed: string[] = [];
    let stop: () => Promise<void> = () => Promise.resolve();
    await runCli(['serve', '--port', '0'], {
      out: (line) => printed.push(line),
      err: (line) => printed.push(line),
      env,
      context: { clock },
      onServe: (s) => {
        stop = s;
      },
    });
    await stop();
    assert.ok(
      printed.includes(
        'E-mails are not sent by this server (MAIL_TICK_SECONDS=0): run g2g rounds tick from cron',
      ),
      printed.join('\n'),
    );
  });

  test('g2g rounds tick, as cron runs it, sends the summary due after the deadline, once', async () => {
    clock.set('2026-06-22T06:00:00Z');
    const tick = async () => {
      const out: string[] = [];
      const code = await runCli(['rounds', 'tick'], {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        env,
        context: { clock },
      });
      assert.equal(code, 0, out.join('\n'));
      return out.join('\n');
    };
    assert.equal(
      await tick(),
      'Sent 1 e-mail; 0 not sent (tried again later unless out of tries); 0 bounced',
    );
    const [summary, ...others] = smtp.take();
    assert.equal(others.length, 0);
    assert.deepEqual(summary?.to, [MANAGER]);
    assert.equal(
      summary.subject,
      `June 2026 update: ${LEADS} of ${LEADS} actions without an update`,
    );
    assert.match(await tick(), /^Sent 0 e-mails;/);
    assert.equal(smtp.take().length, 0);
  });
});
