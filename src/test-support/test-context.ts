import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type AppContext, createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { type Clock, fixedClock } from '../lib/clock.js';
import type { Mailer } from '../mail/mailer.js';

/**
 * A fresh, migrated database for one test file. With DATABASE_URL set, a new database
 * on that PostgreSQL server (dropped on close); otherwise an in-memory PGlite loaded
 * from a migrated template that is built once and cached in the temp directory.
 */
export async function testContext(
  options: { clock?: Clock; mailer?: Mailer } = {},
): Promise<AppContext & { clock: ReturnType<typeof fixedClock> }> {
  const clock =
    (options.clock as ReturnType<typeof fixedClock> | undefined) ??
    fixedClock('2026-01-05T09:00:00Z');
  if (process.env.DATABASE_URL) {
    const fresh = await freshDatabaseEnv();
    const context = await createAppContext(loadConfig(fresh.env), {
      clock,
      mailer: options.mailer,
    });
    return {
      ...context,
      clock,
      close: async () => {
        await context.close();
        await fresh.cleanup();
      },
    };
  }
  const template = await pgliteTemplate();
  const context = await createAppContext(loadConfig({}), {
    clock,
    mailer: options.mailer,
    open: { inMemory: true, loadDataDir: template },
  });
  return { ...context, clock };
}

/**
 * Settings for a command-line run against a fresh database of its own: a new database
 * on the DATABASE_URL server, or else a new embedded data directory.
 */
export async function freshDatabaseEnv(): Promise<{
  env: Record<string, string>;
  cleanup(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `g2g_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      cleanup: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'g2g-cli-test-'));
  return {
    env: { G2G_DATA_DIR: dir },
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function pgliteTemplate(): Promise<Blob> {
  // The cache key covers every migration file, so a changed migration builds a new template.
  const dir = new URL('../db/migrations/', import.meta.url);
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort())
    hash.update(file).update(readFileSync(new URL(file, dir)));
  const key = hash.digest('hex').slice(0, 12);
  const path = join(tmpdir(), `g2g-pglite-template-${key}.tar.gz`);
  if (!existsSync(path)) {
    const context = await createAppContext(loadConfig({}), { open: { inMemory: true } });
    const pglite = context.database.pglite;
    if (!pglite) throw new Error('expected an embedded database');
    const dump = await pglite.dumpDataDir('gzip');
    const temporary = `${path}.${process.pid}`;
    writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
    renameSync(temporary, path);
    await context.close();
  }
  return new Blob([readFileSync(path)]);
}
