import type { Db } from '../db/database.js';
import { type ChangeRow, type HistoryFilter, HistoryRepository } from './history.repository.js';

/** Who is making a change, when, and (optionally) why: passed down from the edge with the transaction. */
export interface ChangeContext {
  actor: string;
  /** The signed-in person behind `actor`, when there is one. */
  actorUserId?: string | null;
  at: string;
  reason?: string | null;
}

/** The append-only record of every change to a plan. */
export class HistoryService {
  constructor(private readonly repository: HistoryRepository) {}

  /** Records one change; call it inside the transaction that makes the change. */
  async record(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    entity: string,
    entityId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    const op = before === null ? 'create' : after === null ? 'delete' : 'update';
    const reason = ctx.reason ?? null;
    await this.repository.append(trx, [
      {
        planId,
        entity,
        entityId,
        op,
        before,
        after,
        actor: ctx.actor,
        actorUserId: ctx.actorUserId ?? null,
        at: ctx.at,
        reason,
      },
    ]);
  }

  /** Records the creation of many things of one kind at once (a plan import). */
  async recordCreations(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    entity: string,
    created: Array<{ id: string } & Record<string, unknown>>,
  ): Promise<void> {
    await this.repository.append(
      trx,
      created.map((after) => ({
        planId,
        entity,
        entityId: after.id,
        op: 'create' as const,
        before: null,
        after,
        actor: ctx.actor,
        actorUserId: ctx.actorUserId ?? null,
        at: ctx.at,
        reason: ctx.reason ?? null,
      })),
    );
  }

  list(trx: Db, planId: string, filter?: HistoryFilter): Promise<ChangeRow[]> {
    return this.repository.list(trx, planId, filter);
  }

  /** Changes whenever a change to the plan commits (see HistoryRepository.version). */
  version(trx: Db, planId: string): Promise<string> {
    return this.repository.version(trx, planId);
  }

  /** Each thing of a kind's first recorded value of `field`, before `until`. */
  firstValues(trx: Db, planId: string, entity: string, field: string, until: string) {
    return this.repository.firstValues(trx, planId, entity, field, until);
  }

  /** statesAt for several moments, from one read of the history. */
  statesAtEach(trx: Db, planId: string, ats: string[]) {
    return this.repository.statesAtEach(trx, planId, ats);
  }

  statesAt(trx: Db, planId: string, at: string) {
    return this.repository.statesAt(trx, planId, at);
  }
}

/** The fields that differ between two states, for showing a change to a person. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
}
