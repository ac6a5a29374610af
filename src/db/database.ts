import { accessSync, constants, mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { ConfigError } from '../lib/errors.js';
import { WriteEpoch } from './write-epoch.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';
import { typeParsers } from './type-parsers.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: the data directory or the server's host:port/database. */
  location: string;
  /** The embedded engine itself, when that is what is in use. */
  pglite?: PGlite;
  /** Counts writes, for in-memory copies; only with the embedded database (one process). */
  writes: WriteEpoch | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PGlite data-directory dump (tar) to start from: tests use a pre-migrated one. */
  loadDataDir?: Blob;
  /** Use an in-memory PGlite instead of the data directory. */
  inMemory?: boolean;
}

/** The embedded database's shared_buffers (see openDatabase). */
const SHARED_BUFFERS = '16MB';

/**
 * PostgreSQL in WebAssembly runs on V8's baseline compiler (Liftoff) only. Its optimising
 * tier (TurboFan) recompiles the functions that run most, in the background, and that code
 * and the compiler's working memory (never handed back to the system) took an opened
 * database from about 130 MB resident to 180, for no time saved on the queries measured (see
 * docs/benchmarks.md). It concerns WebAssembly compiled after it is set, not JavaScript.
 */
function baselineWebAssemblyOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/** Opens the configured database: a PostgreSQL server when DATABASE_URL is set, else embedded PGlite. */
export async function openDatabase(
  config: Config,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : openPGlite(config.dataDir, options);
}

function kysely(dialect: PostgresDialect | PGliteDialect, writes?: WriteEpoch): Db {
  return new Kysely<Database>({
    dialect,
    plugins: writes ? [writes, new CamelCasePlugin()] : [new CamelCasePlugin()],
  });
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const target = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: (oid: number, format?: string) =>
        typeParsers[oid] ??
        (pg.types.getTypeParser(oid, format as 'text') as (text: string) => unknown),
    },
  });
  // Idle clients can fail when the server restarts; without a listener that kills the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ConfigError(
      `Cannot connect to the PostgreSQL server at ${target}: ${reason(error)}. Check DATABASE_URL and that the server is running.`,
    );
  }
  const db = kysely(new PostgresDialect({ pool }));
  return { db, kind: 'postgres', location: target, writes: null, close: () => db.destroy() };
}

async function openPGlite(dataDir: string, options: OpenOptions): Promise<DatabaseHandle> {
  let lock: DataDirLock | null = null;
  if (!options.inMemory) {
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    } catch (error) {
      throw new ConfigError(
        `The data directory ${dataDir} is not writable: ${reason(error)}. Set G2G_DATA_DIR to a writable directory.`,
      );
    }
    lock = acquireDataDirLock(dataDir);
  }
  baselineWebAssemblyOnly();
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(options.inMemory ? undefined : dataDir, {
      parsers: typeParsers,
      // PostgreSQL's page cache, inside the process's memory: 128 MB by default, which a
      // council's plans (a few MB each) never need; 16 MB keeps the process smaller.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    await pglite.exec(`set time zone 'UTC'`);
  } catch (error) {
    lock?.release();
    throw new ConfigError(`Cannot open the embedded database in ${dataDir}: ${reason(error)}`);
  }
  const writes = new WriteEpoch();
  const db = kysely(new PGliteDialect(pglite), writes);
  return {
    db,
    kind: 'pglite',
    writes,
    pglite,
    location: options.inMemory ? 'memory' : dataDir,
    close: async () => {
      await db.destroy();
      // Kysely skips its driver's destroy when no query ran; an open PGlite keeps the process alive.
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}

/** Checks the database answers; used by the health endpoint. */
export async function ping(db: Db): Promise<boolean> {
  const { rows } = await sql<{ ok: number }>`select 1::int as ok`.execute(db);
  return rows[0]?.ok === 1;
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured address';
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const firstLine = error.message.split('\n')[0] ?? '';
    return code && !firstLine.includes(code) ? `${firstLine} (${code})` : firstLine || String(code);
  }
  return String(error);
}
