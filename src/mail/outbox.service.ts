import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { deliveryFailure } from './delivery-failure.js';
import type { Mailer } from './mailer.js';
import type { OutboxInsert, OutboxRepository } from './outbox.repository.js';

// The e-mail queue: pages and ticks only queue (in their own transaction), and deliver()
// sends. Each e-mail exists once (its dedupe key) and is sent by whichever process claims it
// (FOR UPDATE SKIP LOCKED with a lease), so two servers on one database, or a restart, send
// it once. A process that stops between the SMTP server's acceptance and recording it as
// sent is the one case where an e-mail can go twice: after its lease runs out.

/** Minutes to wait after each failed try; after the last, the e-mail has failed. */
export const BACK_OFF_MINUTES = [1, 5, 30, 120];
const LEASE_MINUTES = 5;

const plus = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface DeliveryResult {
  sent: number;
  /** Tries that failed, whether they are tried again later or not. */
  failed: number;
  /** Refused for good by the mail server (bounced). */
  bounced: number;
}

/** A line for the server's log about one e-mail's outcome (never the body). */
export type MailLog = (line: string) => void;

export class OutboxService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly log: MailLog = () => undefined,
  ) {}

  /** Queues e-mails in the caller's transaction; one whose key is already queued is not repeated. How many are new. */
  enqueue(trx: Db, rows: OutboxInsert[]): Promise<number> {
    return this.repository.enqueue(trx, rows);
  }

  /** A round's e-mails, in the order they were queued. */
  ofRound(trx: Db, roundId: string) {
    return this.repository.ofRound(trx, roundId);
  }

  /** Sends every queued e-mail that is due, a few claimed at a time; a failure waits for a later tick. */
  async deliver(db: Db): Promise<DeliveryResult> {
    const result = { sent: 0, failed: 0, bounced: 0 };
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.repository.claim(db, now, plus(now, LEASE_MINUTES), 10);
      if (!claimed.length) return result;
      for (const mail of claimed) {
        try {
          await this.mailer.send({
            to: mail.recipient,
            subject: mail.subject,
            text: mail.body,
            link: mail.link,
          });
          const via = this.mailer.mode === 'log' ? 'log' : 'smtp';
          await this.repository.markSent(db, mail.id, this.clock.now(), via);
          this.log(
            `e-mail ${via === 'log' ? 'written to the log' : 'sent'}: ${mail.kind} to ${mail.recipient}`,
          );
          result.sent += 1;
        } catch (error) {
          const failure = deliveryFailure(error);
          const wait = failure.permanent ? undefined : BACK_OFF_MINUTES[mail.attempts - 1];
          const retryAt = wait === undefined ? null : plus(this.clock.now(), wait);
          const status = failure.permanent ? 'bounced' : retryAt ? 'queued' : 'failed';
          await this.repository.markFailed(db, mail.id, { status, ...failure }, retryAt);
          this.log(
            `e-mail ${status === 'queued' ? 'not sent, tried again later' : status}: ${mail.kind} to ${mail.recipient}: ${failure.detail}`,
          );
          result.failed += 1;
          if (failure.permanent) result.bounced += 1;
        }
      }
    }
  }
}
