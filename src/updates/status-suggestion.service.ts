import type { Db } from '../db/database.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.types.js';
import type { PlanContentService } from '../plans/content/plan-content.service.js';
import type { PlanDocumentService } from '../plans/document/plan-document.service.js';
import type { PlanService } from '../plans/plan.service.js';
import { planSuggestions, suggestStatus, type Suggestion } from './status-suggestion.js';

/** An update about to be given, as the rules read it. */
export interface GivenUpdate {
  actionId: string;
  date: string;
  proposedStatus: string | null;
  evidence: ReadonlyArray<{ kind: string }>;
}

/** The status rules' suggestions, from the facts the database holds (status-suggestion.ts). */
export class StatusSuggestionService {
  constructor(
    private readonly content: PlanContentService,
    private readonly plans: PlanService,
    private readonly documents: PlanDocumentService,
  ) {}

  /** What the rules suggest for an action once `update` is given (kept with the update). */
  async withUpdate(trx: Db, planId: string, update: GivenUpdate): Promise<Suggestion | null> {
    const { scheme } = await this.plans.get(trx, planId);
    const action = await this.content.get(trx, planId, 'action', update.actionId);
    const earlier = (await this.content.list(trx, planId, 'update', [
      update.actionId,
    ])) as unknown as GivenUpdate[];
    return suggestStatus({
      statuses: scheme.statuses,
      due: (action.due as FuzzyDate | null) ?? null,
      today: update.date,
      status: (action.status as string | null) ?? null,
      proposal: update.proposedStatus,
      updates: [...earlier, update],
    });
  }

  /** Each action's suggestion and disagreement on `day`, from the plan as it stood then. */
  async forPlan(trx: Db, planId: string, day: string, at: string | null) {
    const doc = at
      ? await this.documents.exportAsAt(trx, planId, at)
      : await this.documents.export(trx, planId);
    return planSuggestions(doc, day);
  }
}
