import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import type { Clock } from '../lib/clock.js';
import { NotFoundError, ValidationError } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import { validate } from '../lib/validate.js';
import type { PlanDocumentService } from '../plans/document/plan-document.service.js';
import type { PlanRepository } from '../plans/plan.repository.js';
import type { PlanChanges } from './pack.types.js';
import { diffPlans, diffRecommendations, type RecommendationChanges } from './plan-diff.js';
import type { PlanVersionRepository, PlanVersionRow } from './plan-version.repository.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const versionSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter the version’s name, like Final Draft (V7)').max(200),
  approvedBy: z.string().trim().min(1, 'Enter who approved it, like Cabinet').max(200),
  approvedOn: z.string().regex(DAY, 'Enter the day it was approved, like 2015-02-03'),
});

/** One end of a comparison: a version, a day, or now. */
export interface VersionPoint {
  label: string;
  at: string;
}

export interface VersionComparison {
  from: VersionPoint;
  to: VersionPoint;
  changes: PlanChanges;
  recommendations: RecommendationChanges;
}

/**
 * A plan's approved versions: recording an approval freezes the plan as it then stood (it
 * is rebuilt from the history at that moment), and any two versions, days or a version and
 * now can be compared.
 */
export class PlanVersionService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly versions: PlanVersionRepository,
    private readonly documents: PlanDocumentService,
    private readonly history: HistoryService,
    private readonly clock: Clock,
  ) {}

  list(trx: Db, planId: string): Promise<PlanVersionRow[]> {
    return this.versions.list(trx, planId);
  }

  /** Records that a body approved the plan as it stands now, as a named version. */
  async record(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    input: { name: string; approvedBy: string; approvedOn: string },
  ): Promise<PlanVersionRow> {
    await this.planOf(trx, planId);
    const v = validate(versionSchema, input, 'version');
    const today = this.clock.today();
    if (v.approvedOn > today) {
      throw new ValidationError(
        [
          {
            path: 'approvedOn',
            message: `The date it was approved must be today (${formatDate(today)}) or earlier`,
          },
        ],
        'version',
      );
    }
    const known = await this.versions.list(trx, planId);
    if (known.some((k) => k.name.toLowerCase() === v.name.toLowerCase())) {
      throw new ValidationError(
        [{ path: 'name', message: `This plan already has a version called ${v.name}` }],
        'version',
      );
    }
    const row = await this.versions.insert(trx, {
      planId,
      ...v,
      recordedAt: ctx.at,
      recordedBy: ctx.actor,
    });
    await this.history.record(trx, ctx, planId, 'planVersion', row.id, null, {
      name: v.name,
      approvedBy: v.approvedBy,
      approvedOn: v.approvedOn,
    });
    return row;
  }

  /** A version by its name, or a day (YYYY-MM-DD, its end); `path` names the option. */
  async resolve(trx: Db, planId: string, ref: string, path: string): Promise<VersionPoint> {
    const plan = await this.planOf(trx, planId);
    const wanted = ref.trim();
    const version = (await this.versions.list(trx, planId)).find(
      (v) => v.name.toLowerCase() === wanted.toLowerCase(),
    );
    if (version) {
      return {
        label: `${version.name} (approved by ${version.approvedBy}, ${formatDate(version.approvedOn)})`,
        at: version.recordedAt,
      };
    }
    const refuse = (message: string) => new ValidationError([{ path, message }], 'comparison');
    if (!DAY.test(wanted) || Number.isNaN(Date.parse(`${wanted}T00:00:00Z`))) {
      const names = (await this.versions.list(trx, planId)).map((v) => v.name);
      throw refuse(
        `There is no version called ${wanted}: give a version’s name${names.length ? ` (${names.join(', ')})` : ''} or a date written YYYY-MM-DD`,
      );
    }
    const added = plan.createdAt.slice(0, 10);
    if (wanted < added)
      throw refuse(`The plan was added on ${formatDate(added)}: enter that date or a later one`);
    if (wanted > this.clock.today())
      throw refuse(`The date must be today (${formatDate(this.clock.today())}) or earlier`);
    return { label: formatDate(wanted), at: `${wanted}T23:59:59.999Z` };
  }

  /** What changed from one version or day to another (or to now, when `to` is null). */
  async compare(
    trx: Db,
    planId: string,
    fromRef: string,
    toRef: string | null,
  ): Promise<VersionComparison> {
    const from = await this.resolve(trx, planId, fromRef, 'from');
    const to = toRef
      ? await this.resolve(trx, planId, toRef, 'to')
      : { label: 'today', at: this.clock.now() };
    if (from.at >= to.at) {
      throw new ValidationError(
        [{ path: 'to', message: 'The second version or date must be after the first' }],
        'comparison',
      );
    }
    const before = await this.documents.exportAsAt(trx, planId, from.at);
    const after = await this.documents.exportAsAt(trx, planId, to.at);
    return {
      from,
      to,
      changes: diffPlans(before, after),
      recommendations: diffRecommendations(before, after),
    };
  }

  private async planOf(trx: Db, planId: string) {
    const plan = await this.plans.findPlan(trx, planId);
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    return plan;
  }
}
