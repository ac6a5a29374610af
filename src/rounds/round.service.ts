import { checkDeadlineVersion } from './round-deadline.js';
import { actionLabels, labelRows } from '../actions/action-label.js';
import { expectedPeriod } from '../actions/update-period.js';
import type { Db } from '../db/database.js';
import type { Lead } from '../db/schema.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { PlanContentService } from '../plans/content/plan-content.service.js';
import type { PlanService } from '../plans/plan.service.js';
import type { RoundRepository, RoundRow, RoundUpdateRow } from './round.repository.js';

/** What a plan manager gives to open a round. */
export interface OpenRoundInput {
  name: string;
  /** The leads' deadline, YYYY-MM-DD. */
  deadline: string;
  /** The actions it covers; omitted: every open (not complete) action. */
  actionIds?: string[];
}

/** An action as a round sees it. */
export interface RoundAction {
  id: string;
  label: string;
  text: string;
  leads: Lead[];
  status: string | null;
  due: FuzzyDate | null;
}

/** Where an update given now counts: in the open round, waiting for the next, or neither. */
export type UpdateCount =
  { kind: 'round'; round: RoundRow } | { kind: 'next'; closed: RoundRow } | { kind: 'none' };

/** An open round's facts about one action, for the action page and the overview. */
export interface RoundState {
  round: RoundRow;
  covered: Set<string>;
  updated: Set<string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_NAME = 150;

/** Whether a round with this deadline expects an update on the action every period (recurring, ongoing). */
export const recurringIn = (action: { due: FuzzyDate | null }, deadline: string) =>
  expectedPeriod(action.due, deadline) !== null;

/** "2018-04" as "April 2018". */
export const periodWords = (period: string) => formatDate(`${period}-01`).replace(/^1 /, '');

/**
 * Update rounds: a plan manager opens one (a name, a deadline for leads, the actions it
 * covers), may extend its deadline, and closes it. Updates given while it is open count in
 * it; updates given after it closed wait for the next round.
 */
export class RoundService {
  constructor(
    private readonly repository: RoundRepository,
    private readonly content: PlanContentService,
    private readonly plans: PlanService,
    private readonly history: HistoryService,
  ) {}

  list(trx: Db, planId: string): Promise<RoundRow[]> {
    return this.repository.listRounds(trx, planId);
  }

  /** One round of the plan, or NotFoundError. */
  async get(trx: Db, planId: string, roundId: string): Promise<RoundRow> {
    const round = await this.repository.findRound(trx, planId, roundId);
    if (!round) throw new NotFoundError('This plan has no such update round');
    return round;
  }

  /** A round by its id alone (the CLI), or NotFoundError. */
  async getById(trx: Db, roundId: string): Promise<RoundRow> {
    const round = await this.repository.findRoundById(trx, roundId);
    if (!round) throw new NotFoundError(`There is no update round with the id ${roundId}`);
    return round;
  }

  /** The plan's open round, if there is one. */
  current(trx: Db, planId: string): Promise<RoundRow | undefined> {
    return this.repository.openRound(trx, planId);
  }

  /** Every action of the plan, labelled, with whether its status says it is complete. */
  async actions(trx: Db, planId: string): Promise<Array<RoundAction & { complete: boolean }>> {
    // The plan's structure and actions; none of its updates.
    const rows = await this.content.listAll(trx, planId, []);
    const { scheme } = await this.plans.get(trx, planId);
    const complete = new Set(
      scheme.statuses.filter((s) => s.category === 'complete').map((s) => s.code),
    );
    const labels = actionLabels(labelRows(rows));
    return rows.action.map((a) => {
      const id = String(a.id);
      const status = (a.status as string | null) ?? null;
      return {
        id,
        label: labels.get(id) ?? 'Action',
        text: String(a.text),
        leads: (a.leads as Lead[] | null) ?? [],
        status,
        due: (a.due as FuzzyDate | null) ?? null,
        complete: status !== null && complete.has(status),
      };
    });
  }

  /** Opens a round; refused when one is open, the period has one, or the deadline has passed. */
  async open(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    input: OpenRoundInput,
  ): Promise<RoundRow> {
    const name = input.name.trim();
    const issues: Array<{ path: string; message: string }> = [];
    if (!name) issues.push({ path: 'name', message: 'Enter a name for the round' });
    else if (name.length > MAX_NAME)
      issues.push({ path: 'name', message: `The name must be ${MAX_NAME} characters or fewer` });
    const today = ctx.at.slice(0, 10);
    const deadlineIssue = this.deadlineIssue(input.deadline, today);
    if (deadlineIssue) issues.push({ path: 'deadline', message: deadlineIssue });
    const actions = await this.actions(trx, planId);
    // Recurring and ongoing actions expect an update every period: every round has them.
    const recurring = deadlineIssue
      ? []
      : actions.filter((a) => !a.complete && recurringIn(a, input.deadline)).map((a) => a.id);
    const picked = input.actionIds ?? actions.filter((a) => !a.complete).map((a) => a.id);
    const chosen = [...picked, ...recurring];
    const known = new Set(actions.map((a) => a.id));
    if (chosen.some((id) => !known.has(id)))
      issues.push({ path: 'actions', message: 'Choose actions of this plan' });
    else if (!chosen.length)
      issues.push({
        path: 'actions',
        message: input.actionIds
          ? 'Choose at least one action for the round'
          : 'Every action of this plan is complete: there is nothing to ask an update on',
      });
    if (!deadlineIssue) {
      const period = input.deadline.slice(0, 7);
      const same = await this.repository.roundOfPeriod(trx, planId, period);
      if (same)
        issues.push({
          path: 'deadline',
          message: `There is already a round for ${periodWords(period)} (‘${same.name}’). Extend its deadline, or choose a deadline in another month`,
        });
    }
    if (issues.length) throw new ValidationError(issues, 'update round');
    const open = await this.repository.openRound(trx, planId);
    if (open)
      throw new ConflictError(
        `‘${open.name}’ is still open. Close it before opening another round`,
      );
    const round = await this.repository.insertRound(trx, {
      planId,
      name,
      period: input.deadline.slice(0, 7),
      deadline: input.deadline,
      openedAt: ctx.at,
      openedBy: ctx.actor,
    });
    const ids = [...new Set(chosen)];
    await this.repository.addActions(trx, planId, round.id, ids);
    await this.repository.claimWaiting(trx, planId, round.id);
    await this.history.record(trx, ctx, planId, 'round', round.id, null, {
      name,
      deadline: round.deadline,
      state: 'open',
      actionCount: ids.length,
    });
    return round;
  }

  /** Moves an open round's deadline later. */
  async extend(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    roundId: string,
    deadline: string,
    /** The version of the deadline the form read (deadlineForm): a later move refuses it. */
    options: { version?: string } = {},
  ): Promise<RoundRow> {
    const round = await this.repository.findRound(trx, planId, roundId, { lock: true });
    if (!round) throw new NotFoundError('This plan has no such update round');
    checkDeadlineVersion(round, options.version);
    if (round.closedAt)
      throw new ConflictError(`‘${round.name}’ has closed; its deadline is final`);
    const issue =
      this.deadlineIssue(deadline, ctx.at.slice(0, 10)) ??
      (deadline <= round.deadline
        ? `The new deadline must be later than the current one, ${formatDate(round.deadline)}`
        : null);
    if (issue) throw new ValidationError([{ path: 'deadline', message: issue }], 'deadline');
    await this.repository.setDeadline(trx, round.id, deadline);
    await this.history.record(
      trx,
      ctx,
      planId,
      'round',
      round.id,
      { name: round.name, deadline: round.deadline, state: 'open' },
      { name: round.name, deadline, state: 'open' },
    );
    return { ...round, deadline };
  }

  /** Closes an open round: updates given from now on wait for the next round. */
  async close(trx: Db, ctx: ChangeContext, planId: string, roundId: string): Promise<RoundRow> {
    const round = await this.get(trx, planId, roundId);
    if (round.closedAt || !(await this.repository.close(trx, round.id, ctx.at, ctx.actor)))
      throw new ConflictError(`‘${round.name}’ has already been closed`);
    await this.history.record(
      trx,
      ctx,
      planId,
      'round',
      round.id,
      { name: round.name, deadline: round.deadline, state: 'open' },
      { name: round.name, deadline: round.deadline, state: 'closed' },
    );
    return { ...round, closedAt: ctx.at, closedBy: ctx.actor };
  }

  /** Where an update on this action, given now, would count. */
  async whereUpdateGoes(trx: Db, planId: string, actionId: string): Promise<UpdateCount> {
    const open = await this.repository.openRound(trx, planId);
    if (open) {
      const covered = await this.repository.actionIds(trx, open.id);
      return covered.includes(actionId) ? { kind: 'round', round: open } : { kind: 'none' };
    }
    const closed = await this.repository.lastClosedRound(trx, planId);
    return closed ? { kind: 'next', closed } : { kind: 'none' };
  }

  /** Counts a new update where it belongs (call in the transaction that adds it). */
  async countUpdate(
    trx: Db,
    planId: string,
    actionId: string,
    updateId: string,
  ): Promise<UpdateCount> {
    const where = await this.whereUpdateGoes(trx, planId, actionId);
    if (where.kind === 'round')
      await this.repository.linkUpdate(trx, planId, updateId, where.round.id);
    if (where.kind === 'next') await this.repository.linkUpdate(trx, planId, updateId, null);
    return where;
  }

  /** The open round's covered and updated actions, or null when no round is open. */
  async state(trx: Db, planId: string): Promise<RoundState | null> {
    const round = await this.repository.openRound(trx, planId);
    if (!round) return null;
    const covered = new Set(await this.repository.actionIds(trx, round.id));
    const updates = await this.repository.updatesOf(trx, planId, round.id);
    return { round, covered, updated: new Set(updates.map((u) => u.actionId)) };
  }

  /** A round's actions, each with the updates counted in it (oldest first). */
  async progress(
    trx: Db,
    planId: string,
    roundId: string,
  ): Promise<{
    round: RoundRow;
    actions: Array<RoundAction & { updates: RoundUpdateRow[] }>;
  }> {
    const round = await this.get(trx, planId, roundId);
    const covered = new Set(await this.repository.actionIds(trx, round.id));
    const updates = await this.repository.updatesOf(trx, planId, round.id);
    const actions = (await this.actions(trx, planId))
      .filter((a) => covered.has(a.id))
      .map(({ complete: _complete, ...a }) => ({
        ...a,
        updates: updates.filter((u) => u.actionId === a.id),
      }));
    return { round, actions };
  }

  private deadlineIssue(deadline: string, today: string): string | null {
    if (!ISO_DATE.test(deadline) || Number.isNaN(Date.parse(`${deadline}T00:00:00Z`)))
      return 'Enter the deadline as a real date, like 19 4 2026';
    if (new Date(`${deadline}T00:00:00Z`).toISOString().slice(0, 10) !== deadline)
      return 'Enter the deadline as a real date, like 19 4 2026';
    if (deadline < today)
      return `The deadline must be today or later: ${formatDate(deadline)} has passed`;
    return null;
  }
}
