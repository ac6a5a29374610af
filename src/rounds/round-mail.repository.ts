import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { MailOutboxTable, Role } from '../db/schema.js';

export type OutboxRow = Selectable<MailOutboxTable>;

/** A person with a live role in a council, as the round's e-mails need them. */
export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  planId: string | null;
  leadNames: string[];
  /** False when they chose to stop the rounds' digests and reminders. */
  roundDigests: boolean;
}

/** All SQL for the rounds' e-mails: who to write to, the outbox and its claims, preferences. */
export class RoundMailRepository {
  /** The council's active people with a live role in the plan (or the whole council). */
  members(trx: Db, organisationId: string, planId: string, now: string): Promise<MemberRow[]> {
    return trx
      .selectFrom('membership')
      .innerJoin('appUser', 'appUser.id', 'membership.userId')
      .leftJoin('mailPreference', 'mailPreference.userId', 'appUser.id')
      .select((eb) => [
        'appUser.id as userId',
        'appUser.email',
        'appUser.name',
        'membership.role',
        'membership.planId',
        'membership.leadNames',
        eb.fn.coalesce('mailPreference.roundDigests', sql<boolean>`true`).as('roundDigests'),
      ])
      .where('membership.organisationId', '=', organisationId)
      .where((eb) =>
        eb.or([eb('membership.planId', 'is', null), eb('membership.planId', '=', planId)]),
      )
      .where((eb) =>
        eb.or([eb('membership.expiresAt', 'is', null), eb('membership.expiresAt', '>', now)]),
      )
      .where('appUser.active', '=', true)
      .orderBy('appUser.name')
      .execute();
  }

  /** Queues e-mails; one already queued under the same key is left as it is. */
  async enqueue(trx: Db, rows: Array<Insertable<MailOutboxTable>>): Promise<void> {
    if (!rows.length) return;
    await trx
      .insertInto('mailOutbox')
      .values(rows)
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .execute();
  }

  /**
   * Claims up to `limit` e-mails that are due (queued and due, or claimed by a process whose
   * lease ran out) for this process until `leaseUntil`. Rows another process is claiming are
   * skipped (FOR UPDATE SKIP LOCKED); the claim commits before anything is sent.
   */
  async claim(db: Db, now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
    const { rows } = await sql<OutboxRow>`
      update mail_outbox set status = 'sending', lease_until = ${leaseUntil}, attempts = attempts + 1
      where id in (
        select id from mail_outbox
        where (status = 'queued' and next_attempt_at <= ${now})
           or (status = 'sending' and lease_until < ${now})
        order by next_attempt_at, created_at
        limit ${limit}
        for update skip locked
      )
      returning id, recipient, recipient_name as "recipientName", subject, body, link, attempts
    `.execute(db);
    return rows;
  }

  async markSent(db: Db, id: string, at: string): Promise<void> {
    await db
      .updateTable('mailOutbox')
      .set({ status: 'sent', sentAt: at, leaseUntil: null, lastError: null })
      .where('id', '=', id)
      .execute();
  }

  /** After a failed try: queued again from `retryAt`, or failed for good (retryAt null). */
  async markFailed(db: Db, id: string, error: string, retryAt: string | null): Promise<void> {
    await db
      .updateTable('mailOutbox')
      .set({
        status: retryAt ? 'queued' : 'failed',
        nextAttemptAt: retryAt ?? sql<string>`next_attempt_at`,
        leaseUntil: null,
        lastError: error.slice(0, 500),
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

  /** Every plan's rounds whose reminders or summary may be due: open, or closed recently. */
  roundsToWatch(trx: Db, since: string) {
    return trx
      .selectFrom('updateRound')
      .innerJoin('plan', 'plan.id', 'updateRound.planId')
      .select([
        'updateRound.id',
        'updateRound.planId',
        'plan.organisationId',
        'updateRound.deadline',
      ])
      .where((eb) =>
        eb.or([eb('updateRound.closedAt', 'is', null), eb('updateRound.deadline', '>=', since)]),
      )
      .execute();
  }

  async digestsWanted(trx: Db, userId: string): Promise<boolean> {
    const row = await trx
      .selectFrom('mailPreference')
      .select('roundDigests')
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row?.roundDigests ?? true;
  }

  async setDigestsWanted(trx: Db, userId: string, wanted: boolean): Promise<void> {
    await trx
      .insertInto('mailPreference')
      .values({ userId, roundDigests: wanted })
      .onConflict((oc) => oc.column('userId').doUpdateSet({ roundDigests: wanted }))
      .execute();
  }
}
