import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { DraftPlan, ExtractedDocument } from './import.types.js';

/** What a draft under review holds: the importer's draft, and which rows the person changed. */
export interface DraftState extends DraftPlan {
  /** "action:act-3", "recommendation:rec-1": rows the person corrected. */
  changed: string[];
  /** The row each warning concerns (same order as warnings), found once when uploaded. */
  places: Array<{ kind: 'action' | 'recommendation' | 'theme' | 'section'; id: string } | null>;
  /** What was read from the file, to read again in the column-mapping step (older drafts lack it). */
  source?: ExtractedDocument;
}

/** import_draft (migration 2026-11-27T0300-uploads), as this repository sees it. */
interface ImportDraftTable {
  id: string;
  userId: string;
  organisationId: string;
  fileName: string;
  /** Null once confirmed: the plan exists and the draft's content is gone. */
  state: DraftState | null;
  planId: string | null;
  createdAt: string;
  expiresAt: string;
}
export type ImportDraftRow = ImportDraftTable;

/** All SQL for drafts under review, and the look-up of the plans a draft would duplicate. */
export class ImportDraftRepository {
  private db(trx: Db) {
    return trx.withTables<{ importDraft: ImportDraftTable }>();
  }

  async insert(trx: Db, row: Omit<ImportDraftRow, 'planId'>): Promise<void> {
    await this.db(trx)
      .insertInto('importDraft')
      .values({ ...row, state: JSON.stringify(row.state) as unknown as DraftState, planId: null })
      .execute();
  }

  /** One person's draft in one council; `lock` holds it until the transaction ends. */
  async find(
    trx: Db,
    key: { id: string; userId: string; organisationId: string },
    lock = false,
  ): Promise<ImportDraftRow | undefined> {
    let query = this.db(trx)
      .selectFrom('importDraft')
      .selectAll()
      .where('id', '=', key.id)
      .where('userId', '=', key.userId)
      .where('organisationId', '=', key.organisationId);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async saveState(trx: Db, id: string, state: DraftState): Promise<void> {
    await this.db(trx)
      .updateTable('importDraft')
      .set({ state: JSON.stringify(state) as unknown as DraftState })
      .where('id', '=', id)
      .execute();
  }

  /** The draft became a plan: its content goes, its id remembers the plan until it expires. */
  async markConfirmed(trx: Db, id: string, planId: string): Promise<void> {
    await this.db(trx)
      .updateTable('importDraft')
      .set({ state: null, planId })
      .where('id', '=', id)
      .execute();
  }

  async remove(trx: Db, id: string): Promise<void> {
    await this.db(trx).deleteFrom('importDraft').where('id', '=', id).execute();
  }

  /**
   * The plans of the council with this slug whose title is `title`, ignoring case and the
   * spaces around it (what importing a plan of that title would duplicate), oldest first.
   */
  async plansTitled(
    trx: Db,
    councilSlug: string,
    title: string,
  ): Promise<Array<{ id: string; versionLabel: string | null }>> {
    return trx
      .selectFrom('plan')
      .innerJoin('organisation', 'organisation.id', 'plan.organisationId')
      .select(['plan.id', 'plan.versionLabel'])
      .where('organisation.slug', '=', councilSlug)
      .where(
        sql<string>`lower(btrim(${sql.ref('plan.title')}))`,
        '=',
        sql<string>`lower(btrim(${title}))`,
      )
      .orderBy('plan.createdAt')
      .orderBy('plan.id')
      .execute();
  }

  /** Drops every draft whose time is up. */
  async purgeExpired(trx: Db, now: string): Promise<void> {
    await this.db(trx).deleteFrom('importDraft').where('expiresAt', '<=', now).execute();
  }
}
