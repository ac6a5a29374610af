import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** A person the weekly digest may go to. */
export interface DigestPerson {
  id: string;
  name: string;
  email: string;
}

/** All SQL for the weekly digest: who has not been considered this week, and claiming them. */
export class WeeklyDigestRepository {
  /**
   * Active people with a live role somewhere who want digests and have not been considered
   * for the week starting `weekStart`.
   */
  notYetConsidered(trx: Db, weekStart: string, now: string): Promise<DigestPerson[]> {
    return trx
      .selectFrom('appUser')
      .leftJoin('mailPreference', 'mailPreference.userId', 'appUser.id')
      .select(['appUser.id', 'appUser.name', 'appUser.email'])
      .where('appUser.active', '=', true)
      .where((eb) => eb.fn.coalesce('mailPreference.roundDigests', sql<boolean>`true`), '=', true)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('membership')
            .select(sql`1`.as('one'))
            .whereRef('membership.userId', '=', 'appUser.id')
            .where((m) =>
              m.or([m('membership.expiresAt', 'is', null), m('membership.expiresAt', '>', now)]),
            ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('mailWeeklyDigest')
              .select(sql`1`.as('one'))
              .whereRef('mailWeeklyDigest.userId', '=', 'appUser.id')
              .where('mailWeeklyDigest.weekStart', '=', weekStart),
          ),
        ),
      )
      .orderBy('appUser.name')
      .execute();
  }

  /** Claims the person's week: true for the one transaction that gets there first. */
  async claimWeek(trx: Db, userId: string, weekStart: string, now: string): Promise<boolean> {
    const claimed = await trx
      .insertInto('mailWeeklyDigest')
      .values({ userId, weekStart, consideredAt: now })
      .onConflict((oc) => oc.columns(['userId', 'weekStart']).doNothing())
      .returning('userId')
      .executeTakeFirst();
    return claimed !== undefined;
  }
}
