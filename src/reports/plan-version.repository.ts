import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { PlanVersionTable } from '../db/schema.js';

export type PlanVersionRow = Selectable<PlanVersionTable>;

/** All SQL for a plan's approved versions. */
export class PlanVersionRepository {
  async insert(trx: Db, row: Insertable<PlanVersionTable>): Promise<PlanVersionRow> {
    return trx.insertInto('planVersion').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** A plan's versions, the earliest recorded first. */
  async list(trx: Db, planId: string): Promise<PlanVersionRow[]> {
    return trx
      .selectFrom('planVersion')
      .selectAll()
      .where('planId', '=', planId)
      .orderBy('recordedAt')
      .execute();
  }
}
