import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { BoardPackFileTable, BoardPackTable } from '../db/schema.js';

export type BoardPackRow = Selectable<BoardPackTable>;
export type BoardPackSummary = Omit<BoardPackRow, 'content'>;
export type BoardPackFileRow = Selectable<BoardPackFileTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUMMARY = [
  'id',
  'planId',
  'boardId',
  'boardName',
  'meeting',
  'asAt',
  'publishedAt',
  'publishedBy',
  'publishedByUserId',
] as const;

/** All SQL for published board packs. Rows are only ever inserted: a published pack is frozen. */
export class BoardPackRepository {
  async insert(trx: Db, values: Insertable<BoardPackTable>): Promise<BoardPackSummary> {
    return trx.insertInto('boardPack').values(values).returning(SUMMARY).executeTakeFirstOrThrow();
  }

  /** A plan's published packs, the newest day first. */
  async listForPlan(trx: Db, planId: string): Promise<BoardPackSummary[]> {
    return trx
      .selectFrom('boardPack')
      .select(SUMMARY)
      .where('planId', '=', planId)
      .orderBy('asAt', 'desc')
      .orderBy('publishedAt', 'desc')
      .execute();
  }

  async find(trx: Db, planId: string, id: string): Promise<BoardPackRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return trx
      .selectFrom('boardPack')
      .selectAll()
      .where('planId', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The board's latest pack for a day before `asAt` (the one a new pack moves on from). */
  async previous(
    trx: Db,
    planId: string,
    boardId: string,
    asAt: string,
  ): Promise<BoardPackRow | undefined> {
    return trx
      .selectFrom('boardPack')
      .selectAll()
      .where('planId', '=', planId)
      .where('boardId', '=', boardId)
      .where('asAt', '<', asAt)
      .orderBy('asAt', 'desc')
      .orderBy('publishedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Stores a published pack's files, made once at publication. */
  async insertFiles(trx: Db, files: BoardPackFileRow[]): Promise<void> {
    if (files.length) await trx.insertInto('boardPackFile').values(files).execute();
  }

  /** The formats stored for a pack. */
  async fileFormats(trx: Db, packId: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('boardPackFile')
      .select('format')
      .where('packId', '=', packId)
      .execute();
    return rows.map((r) => r.format);
  }

  /** One stored file of a pack, with its bytes. */
  async findFile(trx: Db, packId: string, format: string): Promise<BoardPackFileRow | undefined> {
    return trx
      .selectFrom('boardPackFile')
      .selectAll()
      .where('packId', '=', packId)
      .where('format', '=', format)
      .executeTakeFirst();
  }
}
