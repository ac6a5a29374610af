import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { UpdateRoundTable } from '../db/schema.js';

export type RoundRow = Selectable<UpdateRoundTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An update counted in a round: which action, when, by whom, with the status it proposed. */
export interface RoundUpdateRow {
  updateId: string;
  actionId: string;
  date: string;
  author: string;
  text: string;
  proposedStatus: string | null;
}

/** All SQL for update rounds, the actions they cover and the updates counted in them. */
export class RoundRepository {
  /** A plan's rounds, newest first. */
  listRounds(trx: Db, planId: string): Promise<RoundRow[]> {
    return trx
      .selectFrom('updateRound')
      .selectAll()
      .where('planId', '=', planId)
      .orderBy('openedAt', 'desc')
      .orderBy('period', 'desc')
      .execute();
  }

  /** One round of a plan; undefined for an unknown or malformed id, or another plan's round. */
  /** A round of the plan; `lock` holds its row until the transaction ends (for a change). */
  async findRound(
    trx: Db,
    planId: string,
    roundId: string,
    options: { lock?: boolean } = {},
  ): Promise<RoundRow | undefined> {
    if (!UUID.test(roundId)) return undefined;
    const query = trx
      .selectFrom('updateRound')
      .selectAll()
      .where('id', '=', roundId)
      .where('planId', '=', planId);
    return (options.lock ? query.forUpdate() : query).executeTakeFirst();
  }

  /** A round by its id alone (the CLI names rounds by id). */
  async findRoundById(trx: Db, roundId: string): Promise<RoundRow | undefined> {
    if (!UUID.test(roundId)) return undefined;
    return trx.selectFrom('updateRound').selectAll().where('id', '=', roundId).executeTakeFirst();
  }

  /** The plan's open round, if any (at most one: a unique index says so). */
  openRound(trx: Db, planId: string): Promise<RoundRow | undefined> {
    return trx
      .selectFrom('updateRound')
      .selectAll()
      .where('planId', '=', planId)
      .where('closedAt', 'is', null)
      .executeTakeFirst();
  }

  /** The plan's most recently closed round, if any. */
  lastClosedRound(trx: Db, planId: string): Promise<RoundRow | undefined> {
    return trx
      .selectFrom('updateRound')
      .selectAll()
      .where('planId', '=', planId)
      .where('closedAt', 'is not', null)
      .orderBy('closedAt', 'desc')
      .executeTakeFirst();
  }

  roundOfPeriod(trx: Db, planId: string, period: string): Promise<RoundRow | undefined> {
    return trx
      .selectFrom('updateRound')
      .selectAll()
      .where('planId', '=', planId)
      .where('period', '=', period)
      .executeTakeFirst();
  }

  insertRound(trx: Db, row: Insertable<UpdateRoundTable>): Promise<RoundRow> {
    return trx.insertInto('updateRound').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async setDeadline(trx: Db, roundId: string, deadline: string): Promise<void> {
    await trx.updateTable('updateRound').set({ deadline }).where('id', '=', roundId).execute();
  }

  /** Closes the round if it is still open; false when someone closed it first. */
  async close(trx: Db, roundId: string, at: string, by: string): Promise<boolean> {
    const result = await trx
      .updateTable('updateRound')
      .set({ closedAt: at, closedBy: by })
      .where('id', '=', roundId)
      .where('closedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addActions(trx: Db, planId: string, roundId: string, actionIds: string[]): Promise<void> {
    if (!actionIds.length) return;
    await trx
      .insertInto('updateRoundAction')
      .values(actionIds.map((actionId) => ({ roundId, planId, actionId })))
      .execute();
  }

  /** The ids of the actions a round covers. */
  async actionIds(trx: Db, roundId: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('updateRoundAction')
      .select('actionId')
      .where('roundId', '=', roundId)
      .execute();
    return rows.map((r) => r.actionId);
  }

  /** Counts an update towards a round (or, with null, towards the next round to open). */
  async linkUpdate(
    trx: Db,
    planId: string,
    updateId: string,
    roundId: string | null,
  ): Promise<void> {
    await trx.insertInto('roundUpdate').values({ planId, updateId, roundId }).execute();
  }

  /**
   * The updates waiting for the next round, on the actions it covers, now count in it;
   * returns how many.
   */
  async claimWaiting(trx: Db, planId: string, roundId: string): Promise<number> {
    const result = await trx
      .updateTable('roundUpdate')
      .set({ roundId })
      .where('planId', '=', planId)
      .where('roundId', 'is', null)
      .where((eb) =>
        eb(
          'updateId',
          'in',
          eb
            .selectFrom('progressUpdate')
            .innerJoin('updateRoundAction', (join) =>
              join
                .onRef('updateRoundAction.planId', '=', 'progressUpdate.planId')
                .onRef('updateRoundAction.actionId', '=', 'progressUpdate.actionId'),
            )
            .select('progressUpdate.id')
            .where('progressUpdate.planId', '=', planId)
            .where('updateRoundAction.roundId', '=', roundId),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The updates counted in a round, oldest first. */
  updatesOf(trx: Db, planId: string, roundId: string): Promise<RoundUpdateRow[]> {
    return trx
      .selectFrom('roundUpdate')
      .innerJoin('progressUpdate', (join) =>
        join
          .onRef('progressUpdate.planId', '=', 'roundUpdate.planId')
          .onRef('progressUpdate.id', '=', 'roundUpdate.updateId'),
      )
      .select([
        'progressUpdate.id as updateId',
        'progressUpdate.actionId',
        'progressUpdate.date',
        'progressUpdate.author',
        'progressUpdate.text',
        'progressUpdate.proposedStatus',
      ])
      .where('roundUpdate.planId', '=', planId)
      .where('roundUpdate.roundId', '=', roundId)
      .orderBy('progressUpdate.date')
      .orderBy('progressUpdate.position')
      .execute();
  }
}
