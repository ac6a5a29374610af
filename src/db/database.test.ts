import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../lib/errors.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

const scratch = mkdtempSync(join(tmpdir(), 'g2g-db-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('opening the database', () => {
  test('an unreachable DATABASE_URL gives one specific line', async () => {
    await assert.rejects(
      openDatabase(loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(
          error.message,
          /^Cannot connect to the PostgreSQL server at 127\.0\.0\.1:1\/none: .*ECONNREFUSED.*Check DATABASE_URL/,
        );
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
  });

  test('a malformed DATABASE_URL is refused at start', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://x' }),
      /DATABASE_URL must start with postgres:\/\//,
    );
  });

  test('a data directory that cannot be written is named in the error', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a directory');
    await assert.rejects(
      openDatabase(loadConfig({ G2G_DATA_DIR: join(file, 'data') })),
      /The data directory .*a-file\/data is not writable: .*Set G2G_DATA_DIR/,
    );
  });

  test('a second process cannot open the same embedded database', async () => {
    const dir = join(scratch, 'locked');
    const first = await openDatabase(loadConfig({ G2G_DATA_DIR: dir }));
    try {
      await assert.rejects(
        openDatabase(loadConfig({ G2G_DATA_DIR: dir })),
        /is in use by another g2g process/,
      );
    } finally {
      await first.close();
    }
    const again = await openDatabase(loadConfig({ G2G_DATA_DIR: dir }));
    await again.close();
  });

  test('a process killed mid-change keeps every committed plan and no half-written one', async () => {
    const dir = join(scratch, 'crash');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('../test-support/commit-loop.ts', import.meta.url).pathname, dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let committed = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const matches = [...chunk.toString().matchAll(/committed (\d+)/g)];
        committed = Number(matches.at(-1)?.[1] ?? committed);
        if (committed >= 3) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const app = await createAppContext(loadConfig({ G2G_DATA_DIR: dir }));
    try {
      const plans = await app.transaction((trx) => app.services.plans.list(trx));
      assert.ok(
        plans.length >= committed,
        `expected at least ${committed} plans, found ${plans.length}`,
      );
      for (const plan of plans) {
        const doc = await app.transaction((trx) => app.services.documents.export(trx, plan.id));
        assert.equal(doc.actions.length, 1, 'every plan is whole');
        assert.equal(doc.costs.length, 1, 'every plan is whole');
      }
    } finally {
      await app.close();
    }
  });

  test('two processes migrating at once apply each migration exactly once', async () => {
    const fresh = await freshDatabaseEnv();
    try {
      const config = loadConfig(fresh.env);
      // On a server: two separate connection pools, as two processes would have.
      // Embedded: one handle (PGlite is single-process), both migrators racing on it.
      const first = await openDatabase(config);
      const second = process.env.DATABASE_URL ? await openDatabase(config) : first;
      const [a, b] = await Promise.all([migrateToLatest(first.db), migrateToLatest(second.db)]);
      assert.deepEqual([...a, ...b].sort(), Object.keys(migrations).sort());
      assert.deepEqual(await migrateToLatest(first.db), []);
      if (second !== first) await second.close();
      await first.close();
    } finally {
      await fresh.cleanup();
    }
  });
});
