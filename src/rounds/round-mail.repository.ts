import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';

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

/** All SQL for the rounds' e-mails: who to write to, which rounds to watch, preferences. */
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
