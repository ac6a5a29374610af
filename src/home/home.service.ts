import type { Actor } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { RagStatus } from '../db/schema.js';
import type { HomeRepository } from './home.repository.js';
import type { PlanService } from '../plans/plan.service.js';

/** The home page's facts: the plans a person may see, their actions and status schemes. */
export class HomeService {
  constructor(
    private readonly repository: HomeRepository,
    private readonly plans: PlanService,
  ) {}

  /** What the home page shows, as facts: the plans, their actions and their status schemes. */
  async facts(trx: Db, actor: Actor) {
    const plans = await this.plans.listVisibleTo(trx, actor);
    const ids = plans.map((p) => p.id);
    const schemes = new Map<string, RagStatus[]>(
      (await this.repository.schemesOf(trx, ids)).map((s) => [s.planId, s.statuses]),
    );
    return { plans, actions: await this.repository.actions(trx, ids), schemes };
  }
}
