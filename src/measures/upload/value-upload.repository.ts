import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { RowProblem } from './value-csv.js';
import type { UploadEntry } from './value-rows.js';

/** measure_upload (migration 2026-12-07T0130-measure-uploads), as this repository sees it. */
interface MeasureUploadTable {
  id: string;
  planId: string;
  userId: string;
  fileName: string;
  entries: UploadEntry[];
  problems: RowProblem[];
  createdAt: string;
  confirmedAt: string | null;
  saved: number | null;
}
export type MeasureUploadRow = MeasureUploadTable;

/** All SQL for files of measure values waiting to be confirmed. */
export class ValueUploadRepository {
  private db(trx: Db) {
    return trx.withTables<{ measureUpload: MeasureUploadTable }>();
  }

  async insert(
    trx: Db,
    row: Omit<MeasureUploadRow, 'id' | 'confirmedAt' | 'saved'>,
  ): Promise<string> {
    const id = randomUUID();
    await this.db(trx)
      .insertInto('measureUpload')
      .values({
        ...row,
        id,
        entries: JSON.stringify(row.entries) as unknown as UploadEntry[],
        problems: JSON.stringify(row.problems) as unknown as RowProblem[],
        confirmedAt: null,
        saved: null,
      })
      .execute();
    return id;
  }

  /** One person's upload to one plan; `lock` holds it until the transaction ends. */
  async find(
    trx: Db,
    key: { id: string; planId: string; userId: string },
    lock = false,
  ): Promise<MeasureUploadRow | undefined> {
    let query = this.db(trx)
      .selectFrom('measureUpload')
      .selectAll()
      .where('id', '=', key.id)
      .where('planId', '=', key.planId)
      .where('userId', '=', key.userId);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async markConfirmed(trx: Db, id: string, at: string, saved: number): Promise<void> {
    await this.db(trx)
      .updateTable('measureUpload')
      .set({ confirmedAt: at, saved })
      .where('id', '=', id)
      .execute();
  }
}
