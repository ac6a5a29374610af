import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { HttpBrowser, type ServeProcess, serveProcess } from '../test-support/http-browser.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// `npm start` as a person first runs it: the built `g2g serve --demo` on a data folder that
// does not exist yet (or a new database on the DATABASE_URL server). It prepares the database
// (creates it, migrates it, loads the demo) in a short-lived process of its own, then serves
// it; what goes wrong while preparing is said in one line, as it would be without that process.

const PASSWORD = 'walnut harbour lantern';
const scratch = mkdtempSync(join(tmpdir(), 'g2g-serve-prepare-'));
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** The built g2g, run to its end; what it printed on each stream and its exit code. */
function g2g(env: Record<string, string>, args: string[]) {
  const child = spawn(process.execPath, ['bin/g2g.js', ...args], {
    env: { ...withoutServer(process.env), ...env, LOG_LEVEL: 'silent', MAIL_TICK_SECONDS: '0' },
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, out: out.join(''), err: err.join('') })),
  );
}

/** The environment with no PostgreSQL server named: the embedded database is used. */
function withoutServer(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name !== 'DATABASE_URL' && value !== undefined) kept[name] = value;
  }
  return kept;
}

async function stop(server: ServeProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

async function signedInPlans(base: string): Promise<string> {
  const person = new HttpBrowser();
  const signIn = await person.submit(`${base}/sign-in`, {
    email: 'demo@example.org',
    password: PASSWORD,
    returnTo: '/plans',
  });
  assert.equal(signIn.status, 303, signIn.body);
  const plans = await person.get(`${base}/plans`);
  assert.equal(plans.status, 200);
  return plans.body;
}

describe('g2g serve --demo on a database it has to prepare', () => {
  test('a new data folder (or database) serves the demo plans, and again after a restart', async () => {
    const database = await freshDatabaseEnv();
    cleanups.push(() => database.cleanup());
    const first = await serveProcess(database.env, ['--demo']);
    try {
      const said = first.printed.join('\n');
      assert.match(said, /Loaded 4 demo plans/);
      assert.match(said, /Demo sign-in: demo@example\.org \/ walnut harbour lantern/);
      const html = await signedInPlans(first.url);
      assert.match(html, /Bristol Children’s Services Improvement Plan 2015 - 2016/);
      assert.match(html, /West Berkshire Council/);
    } finally {
      await stop(first);
    }
    const again = await serveProcess(database.env, ['--demo']);
    try {
      assert.doesNotMatch(again.printed.join('\n'), /Loaded \d+ demo plans?/);
      assert.match(await signedInPlans(again.url), /West Berkshire Council/);
    } finally {
      await stop(again);
    }
  });

  test('a migration that fails while preparing is said in one line, and nothing is served', async () => {
    const database = await freshDatabaseEnv();
    cleanups.push(() => database.cleanup());
    // A table in the way of the first migration, as a database someone else has used would have.
    const handle = await openDatabase(loadConfig(database.env));
    await sql`create table organisation (id integer)`.execute(handle.db);
    await handle.close();
    const result = await g2g(database.env, ['serve', '--demo', '--port', '0']);
    assert.equal(result.code, 1);
    assert.equal(
      result.err.trim(),
      'g2g: Migration 2026-11-26T1900-plan-model failed: relation "organisation" already exists',
    );
    assert.doesNotMatch(result.out, /is running at/);
  });

  test('a new data folder another g2g holds is refused with the holder named', async () => {
    const dir = join(scratch, 'held');
    mkdirSync(dir);
    // This test's own process stands for the other g2g: it is alive.
    writeFileSync(join(dir, 'g2g.lock'), String(process.pid));
    const result = await g2g({ G2G_DATA_DIR: dir }, ['serve', '--demo', '--port', '0']);
    assert.equal(result.code, 1);
    assert.equal(
      result.err.trim(),
      `g2g: The embedded database in ${dir} is in use by another g2g process (pid ${process.pid}). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  });

  test('a data folder that cannot be made is named, with what to do', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = await g2g({ G2G_DATA_DIR: join(file, 'data') }, [
      'serve',
      '--demo',
      '--port',
      '0',
    ]);
    assert.equal(result.code, 1);
    assert.match(
      result.err.trim(),
      /^g2g: The data directory .*a-file\/data is not writable: .*\. Set G2G_DATA_DIR to a writable directory\.$/,
    );
  });
});
