import { type Actor, policy } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { EpochCache, type WriteEpoch } from '../db/write-epoch.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { EditConflict, versionOf } from './content/edit-version.js';
import { isoDate, optionalText } from '../lib/schema-parts.js';
import { validate } from '../lib/validate.js';
import { statutoryDeadline } from '../lib/working-days.js';
import { z } from 'zod';
import type { BoardRepository, BoardRow } from '../boards/board.repository.js';
import type { RagSchemeRepository, RagSchemeRow } from '../rag/rag-scheme.repository.js';
import type { InspectionRow, PlanListRow, PlanRepository, PlanRow } from './plan.repository.js';
import { inspectionSchema, type PlanStatus, planFieldsSchema } from './plan.schema.js';

/** The plan's fields the settings form changes; its version is theirs alone. */
export const PLAN_FORM_FIELDS = [
  'title',
  'versionLabel',
  'status',
  'periodStart',
  'periodEnd',
] as const satisfies ReadonlyArray<keyof PlanRow>;

/**
 * The version of a plan's `fields` as a form read them: a change to any of them since
 * makes a save from that form an EditConflict; a change to the plan's other fields does not.
 */
export function planFieldsVersion(
  plan: PlanRow,
  fields: ReadonlyArray<keyof PlanRow> = PLAN_FORM_FIELDS,
): string {
  return versionOf({
    planId: plan.id,
    id: plan.id,
    position: 0,
    ...Object.fromEntries(fields.map((f) => [f, plan[f]])),
  });
}

export interface Deadline {
  date: string;
  source: 'statutory' | 'override';
  /** For an override: why; for the statutory date: which rule. */
  basis: string;
}

/** What every plan page checks first: the plan's council, and the day it opens at. */
export interface PlanScopeRow {
  id: string;
  organisationId: string;
  openAsAt: string | null;
  /**
   * The council's revision as read (see db/revisions.ts): the same while nothing its pages
   * show has changed, whichever process changed it. Null inside a transaction that has
   * written: what it reads may not be committed, so nothing read then may be kept.
   */
  revision: string | null;
}

export interface PlanView {
  plan: PlanRow;
  organisation: { id: string; slug: string; name: string };
  inspection: InspectionRow | null;
  scheme: RagSchemeRow;
  boards: BoardRow[];
  deadline: Deadline | null;
}

// A plan moves forward through its life; it may go back to draft for a revision, and
// a closed plan may be reopened for monitoring.
const NEXT_STATUSES: Record<PlanStatus, PlanStatus[]> = {
  draft: ['approved'],
  approved: ['submitted', 'draft'],
  submitted: ['monitoring', 'draft'],
  monitoring: ['closed', 'draft'],
  closed: ['monitoring'],
};

const overrideSchema = z.strictObject({
  date: isoDate.nullable(),
  reason: optionalText(2000),
});

/** The statement-of-action deadline of a plan: the user's override, else the statutory date. */
export function planDeadline(plan: PlanRow, inspection: InspectionRow | null): Deadline | null {
  if (plan.deadlineOverride) {
    return {
      date: plan.deadlineOverride,
      source: 'override',
      basis: plan.deadlineOverrideReason ?? '',
    };
  }
  if (!inspection?.receivedOn) return null;
  const days = plan.statementKind === 'statement-of-action' ? 70 : 20;
  try {
    return {
      date: statutoryDeadline(inspection.receivedOn, plan.statementKind),
      source: 'statutory',
      basis: `${days} working days after the report was received on ${inspection.receivedOn}`,
    };
  } catch {
    return null;
  }
}

/** Plans as a whole: listing, reading, changing their own fields, status and deadline. */
export class PlanService {
  /** Plans' councils and revisions, kept until the next write (embedded database only). */
  private readonly kept: EpochCache<PlanScopeRow | string | null>;

  constructor(
    private readonly repository: PlanRepository,
    private readonly schemes: RagSchemeRepository,
    private readonly boards: BoardRepository,
    private readonly history: HistoryService,
    writes: WriteEpoch | null = null,
  ) {
    this.kept = new EpochCache(writes, 2000);
  }

  /** A value read outside a transaction is kept (inside one it may not be committed yet). */
  private async keep<V extends PlanScopeRow | string | null>(
    trx: Db,
    key: string,
    read: () => Promise<V>,
  ): Promise<V> {
    if (trx.isTransaction) return read();
    const kept = this.kept.get(key);
    if (kept !== undefined) return kept as V;
    const mark = this.kept.mark();
    const value = await read();
    this.kept.set(key, value, mark);
    return value;
  }

  list(trx: Db): Promise<PlanListRow[]> {
    return this.repository.listPlans(trx);
  }

  /** The plans this person may see: their councils', or the ones they were given. */
  async listVisibleTo(trx: Db, actor: Actor): Promise<PlanListRow[]> {
    return (await this.list(trx)).filter(
      (p) => policy.viewPlan(actor, { id: p.id, organisationId: p.organisationId }) === 'allow',
    );
  }

  /** The plan's id, council and revision, for access checks; null when there is no such plan. */
  scope(trx: Db, planId: string): Promise<PlanScopeRow | null> {
    return this.keep(
      trx,
      `scope:${planId}`,
      async () => (await this.repository.scopeOf(trx, planId)) ?? null,
    );
  }

  /**
   * Moves whenever anything the plan's pages show changes (the council's revision: its plans,
   * their content, history, rounds, people, boards, names and schemes), committed by this
   * process or another; null where nothing read now may be kept.
   */
  async revision(trx: Db, planId: string): Promise<string | null> {
    return (await this.scope(trx, planId))?.revision ?? null;
  }

  async get(trx: Db, planId: string): Promise<PlanView> {
    const plan = await this.repository.findPlan(trx, planId);
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    const inspection = plan.inspectionId
      ? ((await this.repository.findInspection(trx, plan.inspectionId)) ?? null)
      : null;
    return {
      plan,
      organisation: await this.repository.findOrganisation(trx, plan.organisationId),
      inspection,
      scheme: await this.schemes.findScheme(trx, plan.ragSchemeId),
      boards: await this.boards.boardsOfPlan(trx, planId),
      deadline: planDeadline(plan, inspection),
    };
  }

  /**
   * Changes the plan's own fields (title, version, period, status...). With `version` (what
   * a form read, planFieldsVersion of `versionFields`), a plan changed since is refused
   * (EditConflict holding the plan as saved now); the plan is locked until the transaction ends.
   */
  async update(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    patch: unknown,
    options: { version?: string; versionFields?: ReadonlyArray<keyof PlanRow> } = {},
  ): Promise<PlanRow> {
    const plan = await this.repository.findPlan(trx, planId, { lock: true });
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    if (
      options.version !== undefined &&
      options.version !== planFieldsVersion(plan, options.versionFields)
    ) {
      throw new EditConflict({ ...plan, planId: plan.id, position: 0 }, 'plan');
    }
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new ValidationError(
        [{ path: '', message: 'the change must be an object of fields' }],
        'plan',
      );
    }
    const current = {
      title: plan.title,
      versionLabel: plan.versionLabel,
      status: plan.status,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      statementKind: plan.statementKind,
      deadlineOverride: plan.deadlineOverride,
      deadlineOverrideReason: plan.deadlineOverrideReason,
      // Kept unless the patch changes them (else the schema's defaults would reset them).
      confirmStatuses: plan.confirmStatuses,
      evidenceBeforeComplete: plan.evidenceBeforeComplete,
      openAsAt: plan.openAsAt,
      impactTolerance: plan.impactTolerance,
    };
    const fields = validate(planFieldsSchema, { ...current, ...patch }, 'plan');
    if (fields.status !== plan.status && !NEXT_STATUSES[plan.status].includes(fields.status)) {
      throw new ConflictError(
        `A ${plan.status} plan cannot become ${fields.status}; it can become ${NEXT_STATUSES[plan.status].join(' or ')}`,
      );
    }
    const after = await this.repository.updatePlan(trx, planId, { ...fields, updatedAt: ctx.at });
    await this.history.record(trx, ctx, planId, 'plan', planId, plan, after);
    return after;
  }

  /** Sets (or with a null date, clears) the user's own deadline; a reason is required and recorded. */
  async overrideDeadline(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    input: unknown,
  ): Promise<PlanRow> {
    const { date, reason } = validate(overrideSchema, input, 'deadline override');
    if (date !== null && !(reason ?? '').trim()) {
      throw new ValidationError(
        [{ path: 'reason', message: 'is required when the deadline is overridden' }],
        'deadline override',
      );
    }
    return this.update(trx, { ...ctx, reason: reason ?? ctx.reason ?? null }, planId, {
      deadlineOverride: date,
      deadlineOverrideReason: date === null ? null : reason,
    });
  }

  /** Changes the inspection the plan answers (e.g. the date the report was received). */
  async updateInspection(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    patch: unknown,
  ): Promise<InspectionRow> {
    const { plan, inspection } = await this.get(trx, planId);
    if (!inspection) throw new NotFoundError(`Plan ${planId} records no inspection`);
    const { id: _id, organisationId: _o, ...current } = inspection;
    const fields = validate(inspectionSchema, { ...current, ...(patch as object) }, 'inspection');
    const after = await this.repository.updateInspection(trx, inspection.id, fields);
    await this.history.record(trx, ctx, plan.id, 'inspection', inspection.id, inspection, after);
    return after;
  }

  /** The statuses a plan may move to next from `status`. */
  nextStatuses(status: PlanStatus): PlanStatus[] {
    return NEXT_STATUSES[status];
  }

  private async findPlan(trx: Db, planId: string): Promise<PlanRow> {
    const plan = await this.repository.findPlan(trx, planId);
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    return plan;
  }
}
