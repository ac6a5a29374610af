import type { Db } from '../../db/database.js';
import type { ChangeContext, HistoryService } from '../../history/history.service.js';
import { ValidationError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { statutoryDeadline, workingDaysBetween } from '../../lib/working-days.js';
import type { PlanRepository } from '../plan.repository.js';
import type { PlanService } from '../plan.service.js';
import { checkClockVersion, flatClock } from './clock-version.js';
import { type ClockRepository, type Stage, STAGES } from './clock.repository.js';

/** The statutory clock's facts: the day the report was received, and the stages reached. */
export interface ClockFacts {
  receivedOn: string | null;
  /** After a focused visit with areas for priority action, a first draft is due in 20 working days. */
  priorityDraft: boolean;
  stages: Map<Stage, string>;
  /** Whether the plan is still being written (draft or approved, not yet submitted). */
  beingWritten: boolean;
  /** A deadline the council agreed in place of the statutory one (plan.deadlineOverride). */
  override: { date: string; reason: string } | null;
}

/** A due date on the clock, with the working days left (negative once passed). */
export interface ClockDue {
  date: string;
  workingDaysLeft: number;
}

export interface ClockInput {
  receivedOn: string | null;
  priorityDraft: boolean;
  stages: Record<Stage, string | null>;
}

export const STAGE_LABELS: Record<Stage, string> = {
  draft: 'Draft written',
  scrutiny: 'Scrutiny',
  approval: 'Cabinet or lead member approval',
  submitted: 'Submitted to Ofsted',
};

/** The 70-day statement and (when due) the 20-day draft, from a received date; null past the bank-holiday data. */
export function clockDues(
  facts: Pick<ClockFacts, 'receivedOn' | 'priorityDraft' | 'override'>,
  today: string,
): { statement: ClockDue; draft: ClockDue | null } | null {
  if (!facts.receivedOn) return null;
  try {
    const due = (date: string) => ({ date, workingDaysLeft: workingDaysBetween(today, date) });
    const statement = due(
      facts.override?.date ?? statutoryDeadline(facts.receivedOn, 'statement-of-action'),
    );
    const draft = facts.priorityDraft
      ? due(statutoryDeadline(facts.receivedOn, 'priority-action-draft'))
      : null;
    return { statement, draft };
  } catch {
    return null;
  }
}

/**
 * The statutory clock of a plan being written: the day the inspection report was received
 * (on the plan's inspection, made if the plan records none), whether a priority-action draft
 * is due, and the day each stage the council sets was reached. Each change is in the history.
 */
export class StatutoryClockService {
  constructor(
    private readonly repository: ClockRepository,
    private readonly planRepository: PlanRepository,
    private readonly plans: PlanService,
    private readonly history: HistoryService,
  ) {}

  async read(trx: Db, planId: string): Promise<ClockFacts> {
    const { plan, inspection } = await this.plans.get(trx, planId);
    return {
      receivedOn: inspection?.receivedOn ?? null,
      priorityDraft: plan.statementKind === 'priority-action-draft',
      stages: await this.repository.stages(trx, planId),
      beingWritten: plan.status === 'draft' || plan.status === 'approved',
      override: plan.deadlineOverride
        ? { date: plan.deadlineOverride, reason: plan.deadlineOverrideReason ?? '' }
        : null,
    };
  }

  /** Saves the clock's dates; a stage before the report was received, or in the future, is refused. */
  async save(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    input: ClockInput,
    /** The version of the dates the form read (clockVersion): dates saved since refuse it. */
    options: { version?: string } = {},
  ): Promise<ClockFacts> {
    // The plan's row, locked, makes two saves of its clock wait for each other.
    await this.planRepository.findPlan(trx, planId, { lock: true });
    checkClockVersion(planId, flatClock(await this.read(trx, planId)), options.version);
    const today = ctx.at.slice(0, 10);
    const issues: Array<{ path: string; message: string }> = [];
    if (input.receivedOn && input.receivedOn > today)
      issues.push({
        path: 'receivedOn',
        message: `The day the report was received must be today or earlier, not ${formatDate(input.receivedOn)}`,
      });
    for (const stage of STAGES) {
      const day = input.stages[stage];
      if (!day) continue;
      if (day > today)
        issues.push({
          path: stage,
          message: `${STAGE_LABELS[stage]}: the day must be today or earlier (record a stage once it is reached)`,
        });
      else if (input.receivedOn && day < input.receivedOn)
        issues.push({
          path: stage,
          message: `${STAGE_LABELS[stage]}: the day must be on or after the day the report was received, ${formatDate(input.receivedOn)}`,
        });
    }
    if (issues.length) throw new ValidationError(issues, 'statutory clock');
    const before = await this.read(trx, planId);
    const { plan, inspection } = await this.plans.get(trx, planId);
    if (!inspection && input.receivedOn) {
      const made = await this.planRepository.insertInspection(trx, {
        organisationId: plan.organisationId,
        framework: 'other',
        startedOn: null,
        endedOn: null,
        publishedOn: null,
        receivedOn: input.receivedOn,
        judgements: [],
      });
      await this.history.record(trx, ctx, planId, 'inspection', made.id, null, made);
      await this.repository.linkInspection(trx, planId, made.id);
      await this.history.record(trx, ctx, planId, 'plan', planId, plan, {
        ...plan,
        inspectionId: made.id,
      });
    } else if (inspection && input.receivedOn !== inspection.receivedOn) {
      await this.plans.updateInspection(trx, ctx, planId, { receivedOn: input.receivedOn });
    }
    const kind = input.priorityDraft ? 'priority-action-draft' : 'statement-of-action';
    if (kind !== plan.statementKind)
      await this.plans.update(trx, ctx, planId, { statementKind: kind });
    for (const stage of STAGES) {
      const was = before.stages.get(stage) ?? null;
      const now = input.stages[stage];
      if (was === now) continue;
      await this.repository.setStage(trx, planId, stage, now);
      await this.history.record(
        trx,
        ctx,
        planId,
        'stage',
        stage,
        was ? { stage: STAGE_LABELS[stage], reachedOn: was } : null,
        now ? { stage: STAGE_LABELS[stage], reachedOn: now } : null,
      );
    }
    return this.read(trx, planId);
  }
}
