import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.types.js';

/** An action of an earlier version of a plan, with that version's label and import time. */
export interface EarlierVersionAction {
  planId: string;
  versionLabel: string | null;
  importedAt: string;
  ref: string | null;
  text: string;
  due: FuzzyDate | null;
}

/** All SQL for reading a plan's earlier versions (same council, same title, imported before). */
export class VersionSlippageRepository {
  /** The plan's own label and import time, or undefined for no such plan. */
  async planOf(
    trx: Db,
    planId: string,
  ): Promise<{ versionLabel: string | null; importedAt: string } | undefined> {
    return trx
      .selectFrom('plan')
      .select(['versionLabel', 'createdAt as importedAt'])
      .where('id', '=', planId)
      .executeTakeFirst();
  }

  /**
   * The actions of every plan of the same council whose title is this plan's (ignoring case
   * and surrounding spaces) and that was imported before it, oldest version first.
   */
  async earlierActions(trx: Db, planId: string): Promise<EarlierVersionAction[]> {
    const rows = await trx
      .selectFrom('plan as current')
      .innerJoin('plan as earlier', (join) =>
        join
          .onRef('earlier.organisationId', '=', 'current.organisationId')
          .onRef('earlier.createdAt', '<', 'current.createdAt')
          .on(
            sql<string>`lower(btrim(${sql.ref('earlier.title')}))`,
            '=',
            sql<string>`lower(btrim(${sql.ref('current.title')}))`,
          ),
      )
      .innerJoin('action', 'action.planId', 'earlier.id')
      .select([
        'earlier.id as planId',
        'earlier.versionLabel',
        'earlier.createdAt as importedAt',
        'action.ref',
        'action.text',
        'action.due',
      ])
      .where('current.id', '=', planId)
      .orderBy('earlier.createdAt')
      .orderBy('earlier.id')
      .execute();
    return rows.map((r) => ({ ...r, due: r.due ?? null }));
  }
}
