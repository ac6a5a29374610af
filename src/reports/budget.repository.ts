import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { PlanBudgetTable } from '../db/schema.js';

export type BudgetRow = Selectable<PlanBudgetTable>;

/** All SQL for a plan's budgets by financial year. */
export class BudgetRepository {
  /** A plan's budgets, by financial year in order. */
  async list(trx: Db, planId: string): Promise<BudgetRow[]> {
    return trx
      .selectFrom('planBudget')
      .selectAll()
      .where('planId', '=', planId)
      .orderBy('financialYear')
      .execute();
  }

  async set(trx: Db, row: BudgetRow): Promise<void> {
    await trx
      .insertInto('planBudget')
      .values(row)
      .onConflict((c) =>
        c.columns(['planId', 'financialYear']).doUpdateSet({ amountPence: row.amountPence }),
      )
      .execute();
  }

  async remove(trx: Db, planId: string, financialYear: string): Promise<void> {
    await trx
      .deleteFrom('planBudget')
      .where('planId', '=', planId)
      .where('financialYear', '=', financialYear)
      .execute();
  }
}
