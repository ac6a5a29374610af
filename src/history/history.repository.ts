import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface ChangeEntry {
  planId: string;
  entity: string;
  entityId: string;
  op: 'create' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor: string;
  actorUserId: string | null;
  at: string;
  reason: string | null;
}

export interface ChangeRow extends ChangeEntry {
  id: number;
}

export interface HistoryFilter {
  entity?: string;
  entityId?: string;
  /** Who made the change: their e-mail address or the label recorded (CLI, demo data). */
  actor?: string;
  /** Changes at or after / before these ISO moments. */
  from?: string;
  until?: string;
  limit?: number;
  /** Newest first (the audit view); oldest first otherwise. */
  newestFirst?: boolean;
}

/** All SQL for the append-only change log. */
export class HistoryRepository {
  async append(trx: Db, entries: ChangeEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await trx
      .insertInto('changeLog')
      .values(
        entries.map((entry) => ({
          ...entry,
          before: entry.before === null ? null : JSON.stringify(entry.before),
          after: entry.after === null ? null : JSON.stringify(entry.after),
        })),
      )
      .execute();
  }

  async list(trx: Db, planId: string, filter: HistoryFilter = {}): Promise<ChangeRow[]> {
    let query = trx.selectFrom('changeLog').selectAll().where('planId', '=', planId);
    if (filter.entity) query = query.where('entity', '=', filter.entity);
    if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
    if (filter.actor) {
      const actor = filter.actor.toLowerCase();
      query = query.where((eb) => eb(eb.fn('lower', ['actor']), '=', actor));
    }
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.until) query = query.where('at', '<', filter.until);
    const direction = filter.newestFirst ? 'desc' : 'asc';
    return query
      .orderBy('at', direction)
      .orderBy('id', direction)
      .limit(filter.limit ?? 10_000)
      .execute();
  }

  /**
   * A fingerprint of the plan's history. The log is append-only, so the set of entries only
   * grows: its size and highest id change whenever a change commits (the size catches a
   * lower id committing after a higher one), whatever the order writers commit in.
   */
  async version(trx: Db, planId: string): Promise<string> {
    const { rows } = await sql<{ n: number; m: string | null }>`
      select count(*)::int as n, max(id)::text as m from change_log where plan_id = ${planId}
    `.execute(trx);
    return `${rows[0]?.n ?? 0}:${rows[0]?.m ?? ''}`;
  }

  /**
   * For each thing of a kind, the first value of one of its fields the history recorded
   * before `until` (only that field is read, not the whole states).
   */
  async firstValues(
    trx: Db,
    planId: string,
    entity: string,
    field: string,
    until: string,
  ): Promise<Array<{ entityId: string; value: unknown }>> {
    const { rows } = await sql<{ entityId: string; value: unknown }>`
      select distinct on (entity_id) entity_id, after -> ${field} as value
      from change_log
      where plan_id = ${planId} and entity = ${entity} and at < ${until}
        and jsonb_exists(after, ${field})
      order by entity_id, at, id
    `.execute(trx);
    return rows;
  }

  /**
   * The same as statesAt for several moments, from one read of the history up to the
   * latest of them: for each moment (in the order given), each thing's last state at or
   * before it.
   */
  async statesAtEach(
    trx: Db,
    planId: string,
    ats: string[],
  ): Promise<
    Array<Array<{ entity: string; entityId: string; after: Record<string, unknown> | null }>>
  > {
    if (ats.length === 0) return [];
    const latest = [...ats].sort().at(-1) ?? '';
    const { rows } = await sql<{
      entity: string;
      entityId: string;
      after: Record<string, unknown> | null;
      at: string;
    }>`
      select entity, entity_id, after, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
      from change_log
      where plan_id = ${planId} and at <= ${latest}
      order by entity, entity_id, at, id
    `.execute(trx);
    const moments = ats.map((at) => new Date(at).toISOString());
    const states = ats.map(() => [] as Array<(typeof rows)[number]>);
    // Rows come grouped by thing, oldest first: the last row of a group at or before a
    // moment is the thing's state then.
    for (let start = 0; start < rows.length;) {
      let end = start;
      const first = rows[start]!;
      while (
        end < rows.length &&
        rows[end]!.entity === first.entity &&
        rows[end]!.entityId === first.entityId
      )
        end++;
      moments.forEach((moment, i) => {
        let found: (typeof rows)[number] | undefined;
        for (let r = start; r < end && rows[r]!.at <= moment; r++) found = rows[r];
        if (found) states[i]!.push(found);
      });
      start = end;
    }
    return states.map((list) =>
      list.map(({ entity, entityId, after }) => ({ entity, entityId, after })),
    );
  }

  /** For each thing the plan ever held, its last recorded state at or before `at` (null after a delete). */
  async statesAt(
    trx: Db,
    planId: string,
    at: string,
  ): Promise<Array<{ entity: string; entityId: string; after: Record<string, unknown> | null }>> {
    const { rows } = await sql<{
      entity: string;
      entityId: string;
      after: Record<string, unknown> | null;
    }>`
      select distinct on (entity, entity_id) entity, entity_id, after
      from change_log
      where plan_id = ${planId} and at <= ${at}
      order by entity, entity_id, at desc, id desc
    `.execute(trx);
    return rows;
  }
}
