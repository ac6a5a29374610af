import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import { type EntityKind, type EntityRow, PLAN_ENTITIES } from './plan-entities.js';

// The plan-owned tables share one shape (plan_id, id, position, ...), so one generic
// repository serves them all; Kysely is told that shape through this view.
type GenericDb = Kysely<Record<string, EntityRow>>;
const generic = (trx: Db) => trx as unknown as GenericDb;

// jsonb columns must be sent as JSON text; plain objects and arrays are the jsonb ones.
function toColumns(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
    ]),
  );
}

/** All SQL for sections, themes, recommendations, actions, updates, measures, risks and costs. */
export class PlanContentRepository {
  /** Of updates, with `ofActions`, only those actions' (index progress_update_action_idx). */
  async list(
    trx: Db,
    planId: string,
    kind: EntityKind,
    ofActions?: readonly string[],
  ): Promise<EntityRow[]> {
    if (kind === 'update' && ofActions) return this.listUpdatesOf(trx, planId, ofActions);
    return generic(trx)
      .selectFrom(PLAN_ENTITIES[kind].table)
      .selectAll()
      .where('planId', '=', planId)
      .orderBy('position')
      .execute() as Promise<EntityRow[]>;
  }

  /** The updates of these actions only, in the plan's order (index progress_update_action_idx). */
  async listUpdatesOf(trx: Db, planId: string, actionIds: readonly string[]): Promise<EntityRow[]> {
    if (!actionIds.length) return [];
    return generic(trx)
      .selectFrom('progress_update')
      .selectAll()
      .where('planId', '=', planId)
      .where('actionId', 'in', [...actionIds])
      .orderBy('position')
      .execute() as Promise<EntityRow[]>;
  }

  async find(
    trx: Db,
    planId: string,
    kind: EntityKind,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<EntityRow | undefined> {
    const query = generic(trx)
      .selectFrom(PLAN_ENTITIES[kind].table)
      .selectAll()
      .where('planId', '=', planId)
      .where('id', '=', id);
    return (options.lock ? query.forUpdate() : query).executeTakeFirst() as Promise<
      EntityRow | undefined
    >;
  }

  async nextPosition(trx: Db, planId: string, kind: EntityKind): Promise<number> {
    const row = await generic(trx)
      .selectFrom(PLAN_ENTITIES[kind].table)
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(-1)).as('last'))
      .where('planId', '=', planId)
      .executeTakeFirst();
    return Number(row?.last ?? -1) + 1;
  }

  /** Inserts many rows of one kind in one statement (a plan import). */
  async insertMany(trx: Db, kind: EntityKind, rows: EntityRow[]): Promise<EntityRow[]> {
    if (rows.length === 0) return [];
    return generic(trx)
      .insertInto(PLAN_ENTITIES[kind].table)
      .values(rows.map((row) => toColumns(row) as EntityRow))
      .returningAll()
      .execute() as Promise<EntityRow[]>;
  }

  async update(
    trx: Db,
    planId: string,
    kind: EntityKind,
    id: string,
    values: Record<string, unknown>,
  ): Promise<EntityRow> {
    return generic(trx)
      .updateTable(PLAN_ENTITIES[kind].table)
      .set(toColumns(values))
      .where('planId', '=', planId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow() as Promise<EntityRow>;
  }

  async delete(trx: Db, planId: string, kind: EntityKind, id: string): Promise<void> {
    await generic(trx)
      .deleteFrom(PLAN_ENTITIES[kind].table)
      .where('planId', '=', planId)
      .where('id', '=', id)
      .execute();
  }
}
