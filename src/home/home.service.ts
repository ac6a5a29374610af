import type { Actor } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { RagStatus } from '../db/schema.js';
import type { HomeRepository } from './home.repository.js';
import { homePage } from './home.view-model.js';
import type { PlanService } from '../plans/plan.service.js';

/** The home page's facts: the plans a person may see, their actions and status schemes. */
export class HomeService {
  constructor(
    private readonly repository: HomeRepository,
    private readonly plans: PlanService,
  ) {}

  async page(trx: Db, actor: Actor, today: string) {
    const plans = await this.plans.listVisibleTo(trx, actor);
    const ids = plans.map((p) => p.id);
    const schemes = new Map<string, RagStatus[]>(
      (await this.repository.schemesOf(trx, ids)).map((s) => [s.planId, s.statuses]),
    );
    return homePage(actor, plans, await this.repository.actions(trx, ids), schemes, today);
  }
}
