import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { BoardTable } from '../db/schema.js';

export type BoardRow = Selectable<BoardTable>;

/** All SQL for boards: the council's boards and the ones overseeing each plan, in order. */
export class BoardRepository {
  async boardsOfPlan(trx: Db, planId: string): Promise<BoardRow[]> {
    return trx
      .selectFrom('planBoard')
      .innerJoin('board', 'board.id', 'planBoard.boardId')
      .selectAll('board')
      .where('planBoard.planId', '=', planId)
      .orderBy('planBoard.position')
      .execute();
  }

  async upsertBoard(
    trx: Db,
    organisationId: string,
    board: { name: string; cadence: string | null; chair: string | null },
  ): Promise<BoardRow> {
    return trx
      .insertInto('board')
      .values({ organisationId, ...board })
      .onConflict((oc) =>
        oc
          .columns(['organisationId', 'name'])
          .doUpdateSet({ cadence: board.cadence, chair: board.chair }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async linkBoard(trx: Db, planId: string, boardId: string, position: number): Promise<void> {
    await trx.insertInto('planBoard').values({ planId, boardId, position }).execute();
  }

  async unlinkBoards(trx: Db, planId: string): Promise<void> {
    await trx.deleteFrom('planBoard').where('planId', '=', planId).execute();
  }
}
