import type { Db } from '../../db/database.js';

/** The stages a council sets while its plan is being written, in the order they come. */
export const STAGES = ['draft', 'scrutiny', 'approval', 'submitted'] as const;
export type Stage = (typeof STAGES)[number];

/** plan_stage (migration 2026-12-07T0200-round-workbooks), as this repository sees it. */
interface PlanStageTable {
  planId: string;
  stage: Stage;
  reachedOn: string;
}

/** All SQL for the statutory clock: the stages reached, and a plan's first inspection record. */
export class ClockRepository {
  private db(trx: Db) {
    return trx.withTables<{ planStage: PlanStageTable }>();
  }

  /** The day each stage was reached (stages not reached are absent). */
  async stages(trx: Db, planId: string): Promise<Map<Stage, string>> {
    const rows = await this.db(trx)
      .selectFrom('planStage')
      .select(['stage', 'reachedOn'])
      .where('planId', '=', planId)
      .execute();
    return new Map(rows.map((r) => [r.stage, r.reachedOn]));
  }

  /** Records the day a stage was reached, or with null that it has not been. */
  async setStage(trx: Db, planId: string, stage: Stage, reachedOn: string | null): Promise<void> {
    await this.db(trx)
      .deleteFrom('planStage')
      .where('planId', '=', planId)
      .where('stage', '=', stage)
      .execute();
    if (reachedOn)
      await this.db(trx).insertInto('planStage').values({ planId, stage, reachedOn }).execute();
  }

  /** Makes `inspectionId` the inspection the plan answers. */
  async linkInspection(trx: Db, planId: string, inspectionId: string): Promise<void> {
    await trx.updateTable('plan').set({ inspectionId }).where('id', '=', planId).execute();
  }
}
