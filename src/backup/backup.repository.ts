import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';

// The database as tables of rows, read and written without knowing what the tables mean, so
// that a backup holds every table a later migration adds. Rows travel as the JSON PostgreSQL
// itself writes (row_to_json) and are read back by PostgreSQL (json_populate_recordset):
// timestamps, jsonb, numbers and file bytes keep their exact values on PGlite and on a server.

/** A table as the backup sees it: its columns, primary key and the tables it refers to. */
export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
  refersTo: string[];
  /** Columns numbered by the database (identity columns). */
  identity: string[];
  /** Its references: these columns hold the `refColumns` of a row of `table`. */
  foreignKeys: Array<{ columns: string[]; table: string; refColumns: string[] }>;
}

/** Which rows of a table belong to one council (see BackupRepository.rows). */
export type Scope = { kind: 'all' } | { kind: 'council'; organisationId: string };

export class BackupRepository {
  /** Every table of the application's schema, with its columns, key and references. */
  async tables(db: Db): Promise<TableShape[]> {
    const { rows: columns } = await sql<{ table: string; column: string; identity: string }>`
      select table_name as "table", column_name as "column", is_identity as "identity"
      from information_schema.columns
      where table_schema = current_schema()
      order by table_name, ordinal_position
    `.execute(db);
    const { rows: keys } = await sql<{ table: string; column: string }>`
      select tc.table_name as "table", kcu.column_name as "column"
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY'
      order by tc.table_name, kcu.ordinal_position
    `.execute(db);
    const { rows: references } = await sql<{ table: string; refers: string }>`
      select distinct tc.table_name as "table", ccu.table_name as "refers"
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.table_schema = current_schema() and tc.constraint_type = 'FOREIGN KEY'
    `.execute(db);
    const { rows: foreign } = await sql<{
      table: string;
      refers: string;
      columns: string[];
      refColumns: string[];
    }>`
      select rel.relname as "table", ref.relname as "refers",
        array_agg(a.attname::text order by k.n) as "columns",
        array_agg(af.attname::text order by k.n) as "refColumns"
      from pg_constraint c
      join pg_class rel on rel.oid = c.conrelid
      join pg_class ref on ref.oid = c.confrelid
      cross join lateral unnest(c.conkey, c.confkey) with ordinality as k(col, refcol, n)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.col
      join pg_attribute af on af.attrelid = c.confrelid and af.attnum = k.refcol
      where c.contype = 'f' and rel.relnamespace = current_schema()::regnamespace
      group by c.oid, rel.relname, ref.relname
      order by rel.relname, c.oid
    `.execute(db);
    const shapes = new Map<string, TableShape>();
    for (const c of columns) {
      const shape = shapes.get(c.table) ?? {
        name: c.table,
        columns: [],
        primaryKey: [],
        refersTo: [],
        identity: [],
        foreignKeys: [],
      };
      shape.columns.push(c.column);
      if (c.identity === 'YES') shape.identity.push(c.column);
      shapes.set(c.table, shape);
    }
    for (const k of keys) shapes.get(k.table)?.primaryKey.push(k.column);
    for (const f of foreign) {
      shapes
        .get(f.table)
        ?.foreignKeys.push({ columns: f.columns, table: f.refers, refColumns: f.refColumns });
    }
    for (const r of references) {
      if (r.refers !== r.table) shapes.get(r.table)?.refersTo.push(r.refers);
    }
    return [...shapes.values()];
  }

  /** The name of the newest migration applied: the schema's version. */
  async schemaVersion(db: Db): Promise<string> {
    const { rows } = await sql<{ name: string }>`
      select name from kysely_migration order by name desc limit 1
    `.execute(db);
    return rows[0]?.name ?? '';
  }

  /**
   * The rows of `table` in `scope`, as PostgreSQL's own JSON text, in primary-key order, a
   * page at a time (`after` is the last page's count). Timestamps are written in UTC.
   */
  async rows(
    db: Db,
    table: TableShape,
    scope: Scope,
    offset: number,
    limit: number,
    shapes: ReadonlyMap<string, TableShape> = new Map(),
  ): Promise<string[]> {
    const order = (table.primaryKey.length ? table.primaryKey : table.columns).map((c) =>
      sql.ref(`t.${c}`),
    );
    const { rows } = await sql<{ row: string }>`
      select row_to_json(t)::text as "row"
      from ${sql.table(table.name)} as t
      where ${this.inScope(table, scope, shapes)}
      order by ${sql.join(order)}
      offset ${offset} limit ${limit}
    `.execute(db);
    return rows.map((r) => r.row);
  }

  /** Whether `table` has any row. */
  async anyRow(db: Db, table: TableShape): Promise<boolean> {
    const { rows } = await sql<{ found: boolean }>`
      select exists (select 1 from ${sql.table(table.name)}) as "found"
    `.execute(db);
    return rows[0]?.found === true;
  }

  /**
   * Writes rows (each PostgreSQL's JSON of a row of `table`) as they are; with `renumber`,
   * the database numbers its identity columns afresh (rows joining an instance with its own).
   */
  async insert(db: Db, table: TableShape, rows: readonly unknown[], renumber: boolean) {
    if (rows.length === 0) return;
    const columns = table.columns.filter((c) => !(renumber && table.identity.includes(c)));
    const list = sql.join(columns.map((c) => sql.ref(c)));
    const overriding =
      renumber || table.identity.length === 0 ? sql`` : sql`overriding system value`;
    await sql`
      insert into ${sql.table(table.name)} (${list}) ${overriding}
      select ${list}
      from json_populate_recordset(null::${sql.table(table.name)}, ${JSON.stringify(rows)}::json)
    `.execute(db);
  }

  /** Numbers the database gives new rows of `table` carry on after the restored ones. */
  async continueNumbering(db: Db, table: TableShape): Promise<void> {
    for (const column of table.identity) {
      await sql`
        select setval(
          pg_get_serial_sequence(${table.name}, ${column}),
          coalesce((select max(${sql.ref(column)}) from ${sql.table(table.name)}), 1),
          (select count(*) > 0 from ${sql.table(table.name)})
        )
      `.execute(db);
    }
  }

  /** Timestamps in the rows read in this transaction are written in UTC. */
  async inUtc(db: Db): Promise<void> {
    await sql`set local timezone = 'UTC'`.execute(db);
  }

  /** The built-in RAG schemes here (those of no council), by key. */
  async builtInSchemes(db: Db): Promise<Map<string, string>> {
    const { rows } = await sql<{ key: string; id: string }>`
      select key, id from rag_scheme where organisation_id is null
    `.execute(db);
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** Removes the built-in RAG schemes no plan uses (an empty instance's, before a restore). */
  async removeUnusedBuiltInSchemes(db: Db): Promise<void> {
    await sql`
      delete from rag_scheme
      where organisation_id is null and id not in (select rag_scheme_id from plan)
    `.execute(db);
  }

  /** The council with this short name, if any. */
  async councilBySlug(db: Db, slug: string): Promise<{ id: string; name: string } | undefined> {
    const { rows } = await sql<{ id: string; name: string }>`
      select id, name from organisation where slug = ${slug}
    `.execute(db);
    return rows[0];
  }

  /** Which of these e-mail addresses already have an account. */
  async existingEmails(db: Db, emails: readonly string[]): Promise<string[]> {
    if (emails.length === 0) return [];
    const { rows } = await sql<{ email: string }>`
      select email from app_user where email in (${sql.join(emails)}) order by email
    `.execute(db);
    return rows.map((r) => r.email);
  }

  /**
   * The condition for a row of `table` to belong to the council: the council itself, a row
   * naming it (organisation_id), a row of one of its plans (plan_id), or a person who is or
   * was one of its members (and what is theirs alone: identities, preferences).
   */
  private inScope(
    table: TableShape,
    scope: Scope,
    shapes: ReadonlyMap<string, TableShape>,
    alias = 't',
    depth = 0,
  ): RawBuilder<unknown> {
    if (scope.kind === 'all') return sql`true`;
    const org = scope.organisationId;
    const col = (name: string) => sql.ref(`${alias}.${name}`);
    const plans = sql`(select id from plan where organisation_id = ${org})`;
    const people = sql`(
      select user_id from membership where organisation_id = ${org}
      union select user_id from deactivated_member where organisation_id = ${org}
    )`;
    if (table.name === 'organisation') return sql`${col('id')} = ${org}`;
    if (table.name === 'app_user') return sql`${col('id')} in ${people}`;
    // The built-in RAG schemes belong to no council; every council's plans may use them.
    if (table.name === 'rag_scheme') {
      return sql`(${col('organisation_id')} = ${org} or ${col('organisation_id')} is null)`;
    }
    const has = (column: string) => table.columns.includes(column);
    const parts: RawBuilder<unknown>[] = [];
    if (has('organisation_id')) parts.push(sql`${col('organisation_id')} = ${org}`);
    if (has('plan_id')) parts.push(sql`${col('plan_id')} in ${plans}`);
    if (parts.length === 0 && has('user_id')) parts.push(sql`${col('user_id')} in ${people}`);
    // Else a row belongs where the row it refers to belongs (a published pack's files).
    const parent = table.foreignKeys.find((f) => shapes.has(f.table));
    if (parts.length === 0 && parent && depth < 4) {
      const shape = shapes.get(parent.table) as TableShape;
      const inner = `p${depth}`;
      const mine = sql.join(parent.columns.map((c) => col(c)));
      const theirs = sql.join(parent.refColumns.map((c) => sql.ref(`${inner}.${c}`)));
      parts.push(sql`(${mine}) in (
        select ${theirs} from ${sql.table(shape.name)} as ${sql.id(inner)}
        where ${this.inScope(shape, scope, shapes, inner, depth + 1)}
      )`);
    }
    if (parts.length === 0) {
      throw new Error(
        `The table ${table.name} has no column saying which council its rows belong to; ` +
          'a council backup cannot choose its rows (give it organisation_id, plan_id, ' +
          'user_id or a reference to such a table, or list it in backup.service.ts as not ' +
          'backed up)',
      );
    }
    return sql`(${sql.join(parts, sql` or `)})`;
  }
}
