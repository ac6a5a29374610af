import type { Actor } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { RagStatus } from '../db/schema.js';
import { actionLabels } from '../actions/action-label.js';
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
    const actions = await this.repository.actions(trx, ids);
    const structure = await this.repository.structureOf(trx, ids);
    // Each action's name for people, by plan (its reference, else its place in the plan).
    const labels = new Map<string, string>();
    for (const id of ids) {
      const named = actionLabels({
        recommendations: structure.recommendations.filter((r) => r.planId === id),
        themes: structure.themes.filter((t) => t.planId === id),
        actions: actions.filter((a) => a.planId === id),
      });
      for (const [actionId, label] of named) labels.set(`${id}/${actionId}`, label);
    }
    return { plans, actions, schemes, labels };
  }
}
