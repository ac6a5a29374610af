import type { Actor } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { RagStatus } from '../db/schema.js';
import { actionLabels } from '../actions/action-label.js';
import type { HomeRepository } from './home.repository.js';
import type { PlanDocumentService } from '../plans/document/plan-document.service.js';
import type { PlanService } from '../plans/plan.service.js';
import type { WorkAction } from './home.repository.js';

/** The home page's facts: the plans a person may see, their actions and status schemes. */
export class HomeService {
  constructor(
    private readonly repository: HomeRepository,
    private readonly plans: PlanService,
    private readonly documents: PlanDocumentService,
  ) {}

  /** What the home page shows, as facts: the plans, their actions and their status schemes. */
  async facts(trx: Db, actor: Actor, today: string) {
    const plans = await this.plans.listVisibleTo(trx, actor);
    const ids = plans.map((p) => p.id);
    const schemes = new Map<string, RagStatus[]>(
      (await this.repository.schemesOf(trx, ids)).map((s) => [s.planId, s.statuses]),
    );
    const live = await this.repository.actions(trx, ids);
    // A plan shown in its own time (a demonstration plan) is counted as it stood on that day.
    const days = new Map<string, string>();
    const actions: WorkAction[] = [];
    for (const plan of plans) {
      if (plan.openAsAt && plan.openAsAt < today) {
        days.set(plan.id, plan.openAsAt);
        actions.push(...(await this.actionsAsAt(trx, plan.id, plan.openAsAt)));
      } else actions.push(...live.filter((a) => a.planId === plan.id));
    }
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
    return { plans, actions, schemes, labels, days };
  }

  /** A plan's actions, as the home page reads them, as they stood at the end of `day`. */
  private async actionsAsAt(trx: Db, planId: string, day: string): Promise<WorkAction[]> {
    const doc = await this.documents.exportAsAt(trx, planId, `${day}T23:59:59.999Z`);
    const last = new Map<string, string>();
    for (const u of doc.updates) {
      if (u.date > (last.get(u.actionId) ?? '')) last.set(u.actionId, u.date);
    }
    return doc.actions.map((a) => {
      const due = typeof a.due === 'object' ? a.due : null;
      return {
        planId,
        id: a.id,
        ref: a.ref,
        recommendationId: a.recommendationId,
        themeId: a.themeId,
        text: a.text,
        leads: a.leads,
        due,
        dueEnd: due?.end ?? null,
        status: a.status,
        lastUpdate: last.get(a.id) ?? null,
      };
    });
  }
}
