import { EditConflict, versionOf } from './edit-version.js';
import type { RagSchemeRepository } from '../../rag/rag-scheme.repository.js';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { ChangeContext, HistoryService } from '../../history/history.service.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../../lib/errors.js';
import {
  parseFuzzyDate,
  type FuzzyDate,
  type PlanPeriod,
} from '../../lib/fuzzy-date/fuzzy-date.js';
import { validate } from '../../lib/validate.js';
import type { PlanRepository, PlanRow } from '../plan.repository.js';
import type { PlanContentRepository } from './plan-content.repository.js';
import { ENTITY_KINDS, type EntityKind, type EntityRow, PLAN_ENTITIES } from './plan-entities.js';

/** What a plan's content needs to know about the plan: its period (for dates) and statuses. */
export interface PlanContext {
  plan: PlanRow;
  statusCodes: Set<string>;
}

/** Turns a due date given as words into the normalised value type. */
function normaliseDue(due: unknown, period: PlanPeriod | undefined): FuzzyDate | null {
  if (due === null || due === undefined) return null;
  return typeof due === 'string' ? parseFuzzyDate(due, period) : (due as FuzzyDate);
}

/** Adds, changes and removes the things in a plan, validating each and recording history. */
export class PlanContentService {
  constructor(
    private readonly repository: PlanContentRepository,
    private readonly plans: PlanRepository,
    private readonly schemes: RagSchemeRepository,
    private readonly history: HistoryService,
  ) {}

  async context(trx: Db, planId: string): Promise<PlanContext> {
    const plan = await this.plans.findPlan(trx, planId);
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    const scheme = await this.schemes.findScheme(trx, plan.ragSchemeId);
    return { plan, statusCodes: new Set(scheme.statuses.map((s) => s.code)) };
  }

  /** A plan's things of a kind; of updates, with `ofActions`, those actions' only. */
  async list(trx: Db, planId: string, kind: EntityKind, ofActions?: readonly string[]) {
    await this.context(trx, planId);
    return this.repository.list(trx, planId, kind, ofActions);
  }

  /**
   * Everything a plan holds, by kind, for a plan the caller has already found (an export):
   * one query per kind, without looking the plan up again for each. With `updatesOf`, only
   * those actions' updates (a page about some actions needs no others).
   */
  async listAll(trx: Db, planId: string, updatesOf?: readonly string[]) {
    const rows = {} as Record<EntityKind, EntityRow[]>;
    for (const kind of ENTITY_KINDS) {
      rows[kind] = await this.repository.list(trx, planId, kind, updatesOf);
    }
    return rows;
  }

  /** One thing of the plan; `lock` holds it until the transaction ends (for a change). */
  async get(
    trx: Db,
    planId: string,
    kind: EntityKind,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<EntityRow> {
    const row = await this.repository.find(trx, planId, kind, id, options);
    if (!row)
      throw new NotFoundError(
        `Plan ${planId} has no ${PLAN_ENTITIES[kind].noun} with the id ${id}`,
      );
    return row;
  }

  /** Adds a new thing to a plan; an id is made up when the input has none. */
  async add(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    kind: EntityKind,
    input: unknown,
  ): Promise<EntityRow> {
    const plan = await this.context(trx, planId);
    const def = PLAN_ENTITIES[kind];
    const withId =
      input && typeof input === 'object' && !('id' in input)
        ? { id: `${def.idPrefix}-${randomUUID().slice(0, 8)}`, ...input }
        : input;
    const item = validate(def.schema, withId, def.noun);
    if (await this.repository.find(trx, planId, kind, String(item.id))) {
      throw new ConflictError(
        `Plan ${planId} already has a ${def.noun} with the id ${String(item.id)}`,
      );
    }
    await this.checkLinks(trx, plan, kind, item);
    const position = await this.repository.nextPosition(trx, planId, kind);
    const [row] = await this.insertMany(trx, ctx, plan, kind, [item], position);
    if (!row) throw new Error(`The ${def.noun} was not saved`);
    return row;
  }

  /** Changes some fields of a thing; the result is validated as a whole. */
  async update(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    kind: EntityKind,
    id: string,
    patch: unknown,
    options: { version?: string } = {},
  ): Promise<EntityRow> {
    const plan = await this.context(trx, planId);
    const def = PLAN_ENTITIES[kind];
    const before = await this.get(trx, planId, kind, id, { lock: true });
    // A form that read an older version would overwrite someone else's change: refuse it.
    if (options.version !== undefined && options.version !== versionOf(before)) {
      throw new EditConflict(before, def.noun);
    }
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new ValidationError(
        [{ path: '', message: 'the change must be an object of fields' }],
        def.noun,
      );
    }
    if ('id' in patch && patch.id !== id) {
      throw new ValidationError([{ path: 'id', message: 'cannot be changed' }], def.noun);
    }
    const { planId: _p, position: _pos, dueEnd: _d, ...current } = before;
    const item = validate(def.schema, { ...current, ...patch }, def.noun);
    await this.checkLinks(trx, plan, kind, item);
    const values = this.normalise(plan, kind, item);
    const after = await this.repository.update(trx, planId, kind, id, values);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      await this.history.record(trx, ctx, planId, kind, id, before, after);
    }
    return after;
  }

  /** Removes a thing that nothing else in the plan refers to. */
  async remove(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    kind: EntityKind,
    id: string,
  ): Promise<void> {
    await this.context(trx, planId);
    const before = await this.get(trx, planId, kind, id);
    // A measure's values belong to it: they go with it (each recorded in the history).
    if (kind === 'measure') {
      for (const value of await this.repository.list(trx, planId, 'measureValue')) {
        if (value.measureId !== id) continue;
        await this.repository.delete(trx, planId, 'measureValue', value.id);
        await this.history.record(trx, ctx, planId, 'measureValue', value.id, value, null);
      }
    }
    const users: string[] = [];
    for (const other of ENTITY_KINDS) {
      const refs = PLAN_ENTITIES[other].references.filter((r) => r.kind === kind);
      if (refs.length === 0) continue;
      for (const row of await this.repository.list(trx, planId, other)) {
        const uses = refs.some((r) =>
          r.many ? (row[r.field] as string[]).includes(id) : row[r.field] === id,
        );
        if (uses) users.push(`${PLAN_ENTITIES[other].noun} ${row.id}`);
      }
    }
    if (users.length > 0) {
      throw new ConflictError(
        `The ${PLAN_ENTITIES[kind].noun} ${id} cannot be removed while these refer to it: ${users.slice(0, 10).join(', ')}${users.length > 10 ? ` and ${users.length - 10} more` : ''}`,
      );
    }
    await this.repository.delete(trx, planId, kind, id);
    await this.history.record(trx, ctx, planId, kind, id, before, null);
  }

  /**
   * Moves a thing one place up or down among its siblings (those sharing `within`'s value,
   * e.g. the actions of one recommendation) by swapping positions; history records both.
   * Returns false when it is already first or last.
   */
  async move(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    kind: EntityKind,
    id: string,
    direction: 'up' | 'down',
    within?: string,
  ): Promise<boolean> {
    await this.context(trx, planId);
    const item = await this.get(trx, planId, kind, id);
    const siblings = (await this.repository.list(trx, planId, kind)).filter(
      (row) => within === undefined || row[within] === item[within],
    );
    const index = siblings.findIndex((row) => row.id === id);
    const other = siblings[direction === 'up' ? index - 1 : index + 1];
    if (!other) return false;
    for (const [row, position] of [
      [item, other.position],
      [other, item.position],
    ] as const) {
      const after = await this.repository.update(trx, planId, kind, row.id, { position });
      await this.history.record(trx, ctx, planId, kind, row.id, row, after);
    }
    return true;
  }

  /** Inserts many already validated items of one kind (a plan import), placed from `firstPosition` on. */
  async insertMany(
    trx: Db,
    ctx: ChangeContext,
    plan: PlanContext,
    kind: EntityKind,
    items: Array<Record<string, unknown>>,
    firstPosition: number,
  ): Promise<EntityRow[]> {
    const rows = await this.repository.insertMany(
      trx,
      kind,
      items.map((item, position) => ({
        ...this.normalise(plan, kind, item),
        planId: plan.plan.id,
        id: String(item.id),
        position: firstPosition + position,
      })),
    );
    await this.history.recordCreations(trx, ctx, plan.plan.id, kind, rows);
    return rows;
  }

  private normalise(
    plan: PlanContext,
    kind: EntityKind,
    item: Record<string, unknown>,
  ): Record<string, unknown> {
    const { periodStart, periodEnd } = plan.plan;
    const period = periodStart && periodEnd ? { start: periodStart, end: periodEnd } : undefined;
    const values = { ...item };
    if (PLAN_ENTITIES[kind].hasDue) {
      const due = normaliseDue(item.due, period);
      values.due = due;
      values.dueEnd = due?.end ?? null;
    }
    if (kind === 'measure') {
      values.targets = (item.targets as Array<Record<string, unknown>>).map((t) => ({
        ...t,
        due: normaliseDue(t.due, period),
      }));
    }
    return values;
  }

  private async checkLinks(
    trx: Db,
    plan: PlanContext,
    kind: EntityKind,
    item: Record<string, unknown>,
  ): Promise<void> {
    const def = PLAN_ENTITIES[kind];
    const issues: FieldIssue[] = [];
    for (const ref of def.references) {
      const value = item[ref.field];
      const ids = ref.many ? (value as string[]) : value === null ? [] : [value as string];
      for (const [i, target] of ids.entries()) {
        if (!(await this.repository.find(trx, plan.plan.id, ref.kind, target))) {
          issues.push({
            path: ref.many ? `${ref.field}.${i}` : ref.field,
            message: `no ${PLAN_ENTITIES[ref.kind].noun} in this plan has the id "${target}"`,
          });
        }
      }
    }
    for (const field of def.statusFields) {
      const value = item[field];
      if (typeof value === 'string' && !plan.statusCodes.has(value)) {
        issues.push({
          path: field,
          message: `"${value}" is not a status of this plan (use ${[...plan.statusCodes].join(', ')})`,
        });
      }
    }
    if (issues.length > 0) throw new ValidationError(issues, def.noun);
  }
}
