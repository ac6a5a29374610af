import type { Db } from '../db/database.js';

/** import_status_mapping (migration 2026-12-07T1520-import-status-mappings), as seen here. */
interface ImportStatusMappingTable {
  organisationId: string;
  words: string;
  code: string | null;
  chosenBy: string | null;
  chosenAt: string;
}

/** All SQL for a council's chosen meanings of status words. */
export class StatusMappingRepository {
  private db(trx: Db) {
    return trx.withTables<{ importStatusMapping: ImportStatusMappingTable }>();
  }

  /** The council's choices: by the words' key, the status code (null for no status). */
  async forCouncil(trx: Db, organisationId: string): Promise<Map<string, string | null>> {
    const rows = await this.db(trx)
      .selectFrom('importStatusMapping')
      .select(['words', 'code'])
      .where('organisationId', '=', organisationId)
      .execute();
    return new Map(rows.map((r) => [r.words, r.code]));
  }

  /** Keeps the meaning of some words for the council, replacing an earlier choice. */
  async save(trx: Db, row: ImportStatusMappingTable): Promise<void> {
    await this.db(trx)
      .insertInto('importStatusMapping')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['organisationId', 'words'])
          .doUpdateSet({ code: row.code, chosenBy: row.chosenBy, chosenAt: row.chosenAt }),
      )
      .execute();
  }
}
