import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from './server.js';

// /health is liveness (the process and its database answer); /ready says whether to send
// it requests: not while a migration this code knows is missing, nor once it is stopping.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;

before(async () => {
  app = await testContext();
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const get = async (url: string) => {
  const response = await server.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json<Record<string, string>>() };
};

describe('/ready and /health', () => {
  test('a migrated database that answers: ready', async () => {
    assert.deepEqual(await get('/ready'), { status: 200, body: { status: 'ready' } });
    assert.equal((await get('/health')).status, 200);
  });

  test('a migration not applied: not ready (503), still alive', async () => {
    const { rows } = await sql<{ name: string }>`
      delete from kysely_migration
      where name = (select max(name) from kysely_migration) returning name`.execute(app.db);
    try {
      assert.deepEqual(await get('/ready'), {
        status: 503,
        body: { status: 'migrations not applied' },
      });
      assert.equal((await get('/health')).status, 200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${rows[0]?.name ?? ''}, ${new Date().toISOString()})`.execute(
        app.db,
      );
    }
    assert.equal((await get('/ready')).status, 200);
  });

  test('stopping: not ready (503), and each answer closes its connection', async () => {
    server.stopping.now = true;
    try {
      const response = await server.inject({ method: 'GET', url: '/ready' });
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json(), { status: 'shutting down' });
      assert.equal(response.headers.connection, 'close');
      assert.equal((await get('/health')).status, 200);
    } finally {
      server.stopping.now = false;
    }
  });

  test('a database that does not answer: neither alive nor ready', async () => {
    await app.database.close();
    assert.deepEqual(await get('/ready'), {
      status: 503,
      body: { status: 'database unavailable' },
    });
    assert.equal((await get('/health')).status, 503);
  });
});

describe('the shutdown settings', () => {
  test('no drain and 30 seconds of grace by default; a bad value names the setting', () => {
    const config = loadConfig({});
    assert.equal(config.shutdownDrainSeconds, 0);
    assert.equal(config.shutdownGraceSeconds, 30);
    assert.equal(loadConfig({ SHUTDOWN_DRAIN_SECONDS: '10' }).shutdownDrainSeconds, 10);
    assert.throws(
      () => loadConfig({ SHUTDOWN_GRACE_SECONDS: '0' }),
      /Setting SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 1 to 3600/,
    );
    assert.throws(
      () => loadConfig({ SHUTDOWN_DRAIN_SECONDS: 'soon' }),
      /Setting SHUTDOWN_DRAIN_SECONDS must be a whole number of seconds from 0 to 600/,
    );
  });
});
