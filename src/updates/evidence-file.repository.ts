import type { Generated } from 'kysely';
import type { Db } from '../db/database.js';

/** evidence_file (migration 2026-11-27T0300-uploads), as this repository sees it. */
interface EvidenceFileTable {
  id: string;
  planId: string;
  updateId: string;
  actionId: string;
  fileName: string;
  mediaType: string;
  size: number;
  bytes: Uint8Array;
  createdAt: string;
}
type Tables = { evidenceFile: EvidenceFileTable & { id: Generated<string> } };

export type EvidenceFileRow = EvidenceFileTable;

/** All SQL for evidence files. */
export class EvidenceFileRepository {
  private table(trx: Db) {
    return trx.withTables<Tables>();
  }

  async insert(trx: Db, row: EvidenceFileRow): Promise<void> {
    await this.table(trx).insertInto('evidenceFile').values(row).execute();
  }

  /** One file of one plan, with its bytes; another plan's file is not found. */
  async find(trx: Db, planId: string, fileId: string): Promise<EvidenceFileRow | undefined> {
    return this.table(trx)
      .selectFrom('evidenceFile')
      .selectAll()
      .where('planId', '=', planId)
      .where('id', '=', fileId)
      .executeTakeFirst();
  }
}
