import type { Db } from '../../db/database.js';
import type { UploadState } from './workbook.types.js';

/** round_workbook_upload (migration 2026-12-07T0200-round-workbooks), as this repository sees it. */
interface RoundWorkbookUploadTable {
  id: string;
  planId: string;
  roundId: string;
  userId: string;
  fileName: string;
  state: UploadState;
  createdAt: string;
  expiresAt: string;
  confirmedAt: string | null;
  savedCount: number | null;
}
export type WorkbookUploadRow = RoundWorkbookUploadTable;

/** All SQL for returned round workbooks waiting for (or past) their confirmation. */
export class WorkbookUploadRepository {
  private db(trx: Db) {
    return trx.withTables<{ roundWorkbookUpload: RoundWorkbookUploadTable }>();
  }

  async insert(trx: Db, row: Omit<WorkbookUploadRow, 'confirmedAt' | 'savedCount'>): Promise<void> {
    await this.db(trx)
      .insertInto('roundWorkbookUpload')
      .values({
        ...row,
        state: JSON.stringify(row.state) as unknown as UploadState,
        confirmedAt: null,
        savedCount: null,
      })
      .execute();
  }

  /** One person's upload for a round; `lock` holds it until the transaction ends. */
  async find(
    trx: Db,
    key: { id: string; planId: string; roundId: string; userId: string },
    lock = false,
  ): Promise<WorkbookUploadRow | undefined> {
    let query = this.db(trx)
      .selectFrom('roundWorkbookUpload')
      .selectAll()
      .where('id', '=', key.id)
      .where('planId', '=', key.planId)
      .where('roundId', '=', key.roundId)
      .where('userId', '=', key.userId);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async markConfirmed(trx: Db, id: string, at: string, count: number): Promise<void> {
    await this.db(trx)
      .updateTable('roundWorkbookUpload')
      .set({ confirmedAt: at, savedCount: count })
      .where('id', '=', id)
      .execute();
  }

  async purgeExpired(trx: Db, now: string): Promise<void> {
    await this.db(trx).deleteFrom('roundWorkbookUpload').where('expiresAt', '<=', now).execute();
  }
}
