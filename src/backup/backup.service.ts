import type { Db } from '../db/database.js';
import { AppError } from '../lib/errors.js';
import { BackupRepository, type Scope, type TableShape } from './backup.repository.js';
import { type BackupEnd, type BackupHeader, BACKUP_FORMAT, parseLine } from './backup.format.js';

// g2g backup and g2g restore: the whole instance, or one council, as lines of JSON (see
// backup.format.ts). Every table of the schema is in it except those that hold only what is
// passing (sessions, one-time links, sign-ins under way, import drafts, workbooks and figures awaiting confirmation) and the migrator's
// own; a table a later migration adds is backed up without a change here.

/** Tables never backed up: passing state, secrets that should not outlive their use. */
export const NOT_BACKED_UP = new Set([
  'kysely_migration',
  'kysely_migration_lock',
  'session',
  'one_time_token',
  'oidc_sign_in',
  'import_draft',
  'round_workbook_upload',
  'measure_upload',
  // Not data: a number per council that moves with every change (a restore moves it on).
  'organisation_revision',
  'revision_pending',
]);

const PAGE = 500;

/** What a restore wrote: the council (or null for a whole instance) and rows per table. */
export interface RestoreResult {
  council: { slug: string; name: string } | null;
  rows: Record<string, number>;
}

/** Tables in an order where every table comes after the tables it refers to. */
export function inReferenceOrder(tables: TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableShape[] = [];
  const visit = (table: TableShape, path: string[]) => {
    if (done.has(table.name)) return;
    if (path.includes(table.name)) {
      throw new Error(
        `Tables refer to each other in a circle: ${[...path, table.name].join(' -> ')}`,
      );
    }
    for (const name of [...table.refersTo].sort()) {
      const parent = byName.get(name);
      if (parent) visit(parent, [...path, table.name]);
    }
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}

export class BackupService {
  constructor(private readonly repo = new BackupRepository()) {}

  /** Writes the backup, line by line, to `write`. Run it in one transaction (one snapshot). */
  async backup(
    db: Db,
    options: { council?: string; madeAt: string },
    write: (line: string) => Promise<void>,
  ): Promise<{ rows: Record<string, number> }> {
    await this.repo.inUtc(db);
    let scope: Scope = { kind: 'all' };
    let council: BackupHeader['council'] = null;
    if (options.council !== undefined) {
      const found = await this.repo.councilBySlug(db, options.council);
      if (!found) {
        throw new AppError(
          `There is no council "${options.council}" here; g2g council list shows their short names`,
        );
      }
      scope = { kind: 'council', organisationId: found.id };
      council = { slug: options.council, name: found.name };
    }
    const tables = await this.tablesBackedUp(db);
    const shapes = new Map(tables.map((t) => [t.name, t]));
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      schema: await this.repo.schemaVersion(db),
      council,
      madeAt: options.madeAt,
      tables: tables.map((t) => t.name),
    };
    await write(JSON.stringify(header));
    const rows: Record<string, number> = {};
    for (const table of tables) {
      let n = 0;
      for (let offset = 0; ; offset += PAGE) {
        const page = await this.repo.rows(db, table, scope, offset, PAGE, shapes);
        for (const row of page) await write(`{"table":${JSON.stringify(table.name)},"row":${row}}`);
        n += page.length;
        if (page.length < PAGE) break;
      }
      rows[table.name] = n;
    }
    const end: BackupEnd = { end: true, rows };
    await write(JSON.stringify(end));
    return { rows };
  }

  /**
   * Restores a backup read line by line from `lines`, in the caller's transaction: every row
   * or none. A whole instance goes only into an empty one; a council only where neither it
   * nor any of its people's e-mail addresses exist.
   */
  async restore(db: Db, lines: AsyncIterable<string>): Promise<RestoreResult> {
    const tables = new Map((await this.tablesBackedUp(db)).map((t) => [t.name, t]));
    let header: BackupHeader | null = null;
    let end: BackupEnd | null = null;
    const counted: Record<string, number> = {};
    const batch: { table: string; rows: unknown[] } = { table: '', rows: [] };
    const flush = async () => {
      if (batch.rows.length === 0) return;
      if (batch.table === 'app_user' && header?.council) {
        await this.checkPeople(
          db,
          batch.rows.map((r) => String((r as { email?: unknown }).email)),
        );
      }
      const table = tables.get(batch.table);
      if (table) await this.repo.insert(db, table, batch.rows, header?.council != null);
      batch.rows = [];
    };
    let builtIns = new BuiltInSchemes(new Map());
    let lineNumber = 0;
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      if (end) throw new AppError(`The backup goes on after its last line (line ${lineNumber})`);
      const line = parseLine(text, lineNumber, header === null);
      if ('format' in line) {
        header = line;
        await this.checkTarget(db, header, tables);
        builtIns = await this.builtInsFor(db, header);
        continue;
      }
      if ('end' in line) {
        await flush();
        end = line;
        continue;
      }
      if (!tables.has(line.table) || !header?.tables.includes(line.table)) {
        throw new AppError(
          `Line ${lineNumber} of the backup holds a row of "${line.table}", which this ` +
            'version of g2g does not have',
        );
      }
      if (batch.table !== line.table) await flush();
      batch.table = line.table;
      const row = builtIns.adopt(line.table, line.row);
      if (row) batch.rows.push(row);
      counted[line.table] = (counted[line.table] ?? 0) + 1;
      if (batch.rows.length >= PAGE) await flush();
    }
    if (!header) throw new AppError('The backup is empty');
    if (!end) {
      throw new AppError(
        'The backup is incomplete: it ends before its last line (was the file cut off while ' +
          'it was copied?); nothing was restored',
      );
    }
    for (const [table, n] of Object.entries(end.rows)) {
      if ((counted[table] ?? 0) !== n) {
        throw new AppError(
          `The backup says it holds ${n} rows of "${table}" but holds ${counted[table] ?? 0}; ` +
            'nothing was restored',
        );
      }
    }
    for (const table of tables.values()) await this.repo.continueNumbering(db, table);
    return { council: header.council, rows: counted };
  }

  /**
   * A whole instance goes into an empty one with its own built-in schemes' ids (the empty
   * one's are removed), so a restored instance backs up as the same file; a council joining
   * an instance uses the schemes already here, matched by key.
   */
  private async builtInsFor(db: Db, header: BackupHeader): Promise<BuiltInSchemes> {
    if (header.council === null) {
      await this.repo.removeUnusedBuiltInSchemes(db);
      return new BuiltInSchemes(new Map());
    }
    return new BuiltInSchemes(await this.repo.builtInSchemes(db));
  }

  private async tablesBackedUp(db: Db): Promise<TableShape[]> {
    const all = await this.repo.tables(db);
    const ordered = inReferenceOrder(all.filter((t) => !NOT_BACKED_UP.has(t.name)));
    // The history names rows of every table by id, without references the database knows
    // of: it goes last, after what it names (BuiltInSchemes moves its scheme ids).
    return [
      ...ordered.filter((t) => t.name !== 'change_log'),
      ...ordered.filter((t) => t.name === 'change_log'),
    ];
  }

  /** Refuses a restore that would mix with what is here, before anything is written. */
  private async checkTarget(
    db: Db,
    header: BackupHeader,
    tables: Map<string, TableShape>,
  ): Promise<void> {
    const schema = await this.repo.schemaVersion(db);
    if (header.schema !== schema) {
      throw new AppError(
        `This backup was made with the database at version ${header.schema}, and this ` +
          `database is at ${schema}: restore it with the version of g2g that made it, then ` +
          'upgrade',
      );
    }
    if (header.council === null) {
      for (const name of ['organisation', 'app_user']) {
        const table = tables.get(name);
        if (table && (await this.repo.anyRow(db, table))) {
          throw new AppError(
            'A whole-instance backup can only be restored into an empty database, and this ' +
              'one already has councils or people; restore one council with a backup made ' +
              'with --council, or point DATABASE_URL at a new database',
          );
        }
      }
      return;
    }
    if (await this.repo.councilBySlug(db, header.council.slug)) {
      throw new AppError(
        `The council "${header.council.slug}" is already here; nothing was restored`,
      );
    }
  }

  /** Refuses a council's people whose e-mail addresses already have accounts here. */
  private async checkPeople(db: Db, emails: readonly string[]): Promise<void> {
    const taken = await this.repo.existingEmails(db, emails);
    if (taken.length > 0) {
      throw new AppError(
        `${taken.join(', ')} already ${taken.length === 1 ? 'has an account' : 'have accounts'} ` +
          'here; a council is restored only where its people are new (restore the whole ' +
          'instance instead, into an empty database)',
      );
    }
  }
}

type Row = Record<string, unknown>;

/**
 * The built-in RAG schemes of a council's backup, matched by key to those here: the backup's
 * row is not written, and the council's plans, and their history, name the scheme here.
 */
class BuiltInSchemes {
  private readonly ids = new Map<string, string>();

  constructor(private readonly here: Map<string, string>) {}

  /** The row to write, with its references to built-in schemes moved; null to skip it. */
  adopt(table: string, row: Row): Row | null {
    if (table === 'rag_scheme' && row.organisation_id === null) {
      const id = this.here.get(String(row.key));
      if (id === undefined) return row;
      this.ids.set(String(row.id), id);
      return null;
    }
    if (table === 'plan') return this.moved(row, 'rag_scheme_id');
    if (table === 'change_log' && row.entity === 'plan') {
      const side = (value: unknown) =>
        value && typeof value === 'object' ? this.moved(value as Row, 'ragSchemeId') : value;
      return { ...row, before: side(row.before), after: side(row.after) };
    }
    return row;
  }

  private moved(row: Row, field: string): Row {
    const id = this.ids.get(String(row[field]));
    return id === undefined ? row : { ...row, [field]: id };
  }
}
