import type { Db } from '../db/database.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { EditConflict } from '../plans/content/edit-version.js';
import type { PlanRepository, PlanRow } from '../plans/plan.repository.js';
import { planFieldsVersion } from '../plans/plan.service.js';
import { BUILT_IN_SCHEMES } from './built-in-schemes.js';
import type { RagSchemeRepository, RagSchemeRow } from './rag-scheme.repository.js';

/** Makes sure the shipped RAG schemes exist with their current wording (idempotent). */
export async function ensureBuiltInSchemes(trx: Db, schemes: RagSchemeRepository): Promise<void> {
  for (const scheme of BUILT_IN_SCHEMES) {
    await schemes.upsertScheme(trx, { organisationId: null, ...scheme });
  }
}

/** The one plan field the scheme form changes. */
const SCHEME = ['ragSchemeId'] as const;

/** The RAG scheme a plan uses: which ones it may use, and changing to another. */
export class RagSchemeService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly schemes: RagSchemeRepository,
    private readonly history: HistoryService,
  ) {}

  /** The RAG schemes a plan may use: the built-in ones and its council's own. */
  async available(trx: Db, planId: string): Promise<RagSchemeRow[]> {
    const plan = await this.findPlan(trx, planId);
    return this.schemes.listSchemes(trx, plan.organisationId);
  }

  /**
   * Switches the plan to another RAG scheme its council may use. Refused while an action or
   * a progress update uses a status the new scheme does not have (nothing is recoded silently).
   * With `version` (what the form read: planFieldsVersion of the plan's scheme), a plan whose
   * scheme someone changed since is refused (EditConflict); the plan is locked for the check.
   */
  async change(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    schemeId: string,
    options: { version?: string } = {},
  ): Promise<PlanRow> {
    const plan = await this.findPlan(trx, planId, true);
    // From a form that read another scheme than the plan's now: someone else changed it since.
    if (options.version !== undefined && options.version !== planFieldsVersion(plan, SCHEME)) {
      throw new EditConflict({ ...plan, planId: plan.id, position: 0 }, 'plan');
    }
    const scheme = (await this.schemes.listSchemes(trx, plan.organisationId)).find(
      (s) => s.id === schemeId,
    );
    if (!scheme) {
      throw new ValidationError(
        [{ path: 'ragSchemeId', message: 'is not a RAG scheme this council can use' }],
        'plan',
      );
    }
    if (scheme.id === plan.ragSchemeId) return plan;
    const codes = new Set(scheme.statuses.map((s) => s.code));
    const missing = [...(await this.schemes.statusesInUse(trx, planId))].filter(
      ([code]) => !codes.has(code),
    );
    if (missing.length > 0) {
      const list = missing.map(([code, n]) => `${code} (${n})`).join(', ');
      throw new ConflictError(
        `The plan cannot use ${scheme.name}: its actions or updates use statuses that scheme does not have: ${list}. Change those statuses first.`,
      );
    }
    const after = await this.plans.updatePlan(trx, planId, {
      ragSchemeId: scheme.id,
      updatedAt: ctx.at,
    });
    await this.history.record(trx, ctx, planId, 'plan', planId, plan, after);
    return after;
  }

  private async findPlan(trx: Db, planId: string, lock = false): Promise<PlanRow> {
    const plan = await this.plans.findPlan(trx, planId, { lock });
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    return plan;
  }
}
