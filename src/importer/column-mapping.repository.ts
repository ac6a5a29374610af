import type { Db } from '../db/database.js';
import type { ColumnMapping } from './interpret/column-mapping.js';

/** import_column_mapping (migration 2026-12-07T0200-import-column-mappings), as seen here. */
interface ImportColumnMappingTable {
  organisationId: string;
  signature: string;
  mapping: ColumnMapping;
  chosenBy: string | null;
  chosenAt: string;
}

/** All SQL for a council's chosen readings of table layouts. */
export class ColumnMappingRepository {
  private db(trx: Db) {
    return trx.withTables<{ importColumnMapping: ImportColumnMappingTable }>();
  }

  /** The council's mappings by layout signature. */
  async forCouncil(trx: Db, organisationId: string): Promise<Map<string, ColumnMapping>> {
    const rows = await this.db(trx)
      .selectFrom('importColumnMapping')
      .select(['signature', 'mapping'])
      .where('organisationId', '=', organisationId)
      .execute();
    return new Map(rows.map((r) => [r.signature, r.mapping]));
  }

  /** Keeps a layout's mapping for the council, replacing an earlier choice. */
  async save(
    trx: Db,
    row: Omit<ImportColumnMappingTable, 'mapping'> & { mapping: ColumnMapping },
  ): Promise<void> {
    const mapping = JSON.stringify(row.mapping) as unknown as ColumnMapping;
    await this.db(trx)
      .insertInto('importColumnMapping')
      .values({ ...row, mapping })
      .onConflict((oc) =>
        oc
          .columns(['organisationId', 'signature'])
          .doUpdateSet({ mapping, chosenBy: row.chosenBy, chosenAt: row.chosenAt }),
      )
      .execute();
  }
}
