import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { MailOutboxTable } from '../db/schema.js';

export type OutboxRow = Selectable<MailOutboxTable>;
export type OutboxInsert = Insertable<MailOutboxTable>;
/** What a claim hands the sender. */
export type ClaimedMail = Pick<
  OutboxRow,
  'id' | 'kind' | 'recipient' | 'recipientName' | 'subject' | 'body' | 'link' | 'attempts'
>;

/** All SQL for the e-mail queue: queueing once per key, claims with a lease, outcomes. */
export class OutboxRepository {
  /** Queues e-mails; one already queued under the same key is left as it is. How many are new. */
  async enqueue(trx: Db, rows: OutboxInsert[]): Promise<number> {
    if (!rows.length) return 0;
    const added = await trx
      .insertInto('mailOutbox')
      .values(rows)
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .returning('id')
      .execute();
    return added.length;
  }

  /**
   * Claims up to `limit` e-mails that are due (queued and due, or claimed by a process whose
   * lease ran out) for this process until `leaseUntil`. Rows another process is claiming are
   * skipped (FOR UPDATE SKIP LOCKED); the claim commits before anything is sent.
   */
  async claim(db: Db, now: string, leaseUntil: string, limit: number): Promise<ClaimedMail[]> {
    const { rows } = await sql<ClaimedMail>`
      update mail_outbox set status = 'sending', lease_until = ${leaseUntil}, attempts = attempts + 1
      where id in (
        select id from mail_outbox
        where (status = 'queued' and next_attempt_at <= ${now})
           or (status = 'sending' and lease_until < ${now})
        order by next_attempt_at, created_at
        limit ${limit}
        for update skip locked
      )
      returning id, kind, recipient, recipient_name as "recipientName", subject, body, link, attempts
    `.execute(db);
    return rows;
  }

  /** Sent: through the mail server, or (`via` 'log', no SMTP_URL) written to the server's log. */
  async markSent(db: Db, id: string, at: string, via: 'smtp' | 'log'): Promise<void> {
    await db
      .updateTable('mailOutbox')
      .set({
        status: 'sent',
        sentAt: at,
        sentVia: via,
        leaseUntil: null,
        lastError: null,
        failureReason: null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** After a failed try: queued again from `retryAt`, or failed or bounced for good. */
  async markFailed(
    db: Db,
    id: string,
    outcome: { status: 'queued' | 'failed' | 'bounced'; reason: string; detail: string },
    retryAt: string | null,
  ): Promise<void> {
    await db
      .updateTable('mailOutbox')
      .set({
        status: outcome.status,
        nextAttemptAt: retryAt ?? sql<string>`next_attempt_at`,
        leaseUntil: null,
        lastError: outcome.detail.slice(0, 500),
        failureReason: outcome.reason,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A round's e-mails, in the order they were queued. */
  ofRound(trx: Db, roundId: string): Promise<OutboxRow[]> {
    return trx
      .selectFrom('mailOutbox')
      .selectAll()
      .where('roundId', '=', roundId)
      .orderBy('createdAt')
      .orderBy('recipientName')
      .execute();
  }
}
