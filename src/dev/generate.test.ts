import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AppContext, createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { formatDate } from '../lib/format.js';
import { buildServer } from '../web/server.js';
import { leadEmail, managerEmail, SYNTHETIC_PASSWORD } from './generate.js';

// g2g dev generate at a small size, then its plans opened through the real pages.

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let app: AppContext;
let server: FastifyInstance;
let generated: Awaited<ReturnType<typeof runG2g>>;
const ARGS = ['dev', 'generate', '--councils', '2', '--plans', '2', '--actions', '12'];

before(async () => {
  database = await freshDatabaseEnv();
  generated = await runG2g(database.env, [...ARGS, '--months', '4']);
});
after(async () => {
  await server?.close();
  await app?.close();
  await database.cleanup();
});

describe('g2g dev generate', () => {
  test('makes synthetic councils, plans, updates and values, and says so', () => {
    assert.equal(generated.code, 0, generated.err.join('\n'));
    assert.match(
      generated.out.join('\n'),
      /Generated 2 synthetic councils, 4 plans, 192 updates and 160 measure values/,
    );
  });

  test('refuses a database that holds synthetic data already', async () => {
    const again = await runG2g(database.env, [...ARGS, '--months', '4']);
    assert.equal(again.code, 1);
    assert.match(again.err.join('\n'), /holds synthetic data already \(synthetic-001\)/);
  });

  test('refuses a database that holds a council that is not synthetic, unless forced', async () => {
    const other = await freshDatabaseEnv();
    try {
      const added = await runG2g(other.env, ['council', 'add', '--slug', 'bristol', '--name', 'B']);
      assert.equal(added.code, 0);
      const refused = await runG2g(other.env, [
        'dev',
        'generate',
        '--actions',
        '2',
        '--months',
        '1',
      ]);
      assert.equal(refused.code, 1);
      assert.match(refused.err.join('\n'), /1 council that is not synthetic \(bristol\)/);
      const listed = await runG2g(other.env, ['plan', 'list']);
      assert.doesNotMatch(listed.out.join('\n'), /Synthetic/, 'nothing was written');
      const forced = await runG2g(other.env, [
        ...['dev', 'generate', '--actions', '2', '--months', '1', '--force'],
      ]);
      assert.equal(forced.code, 0, forced.err.join('\n'));
    } finally {
      await other.cleanup();
    }
  });

  test('the plans open in the web app, each council seeing only its own', async () => {
    app = await createAppContext(loadConfig(database.env));
    server = await buildServer(app);
    const manager = await new WebClient(server).signIn(managerEmail(1), SYNTHETIC_PASSWORD);
    const list = await manager.get('/plans');
    assert.equal(list.statusCode, 200);
    const ids = [...list.body.matchAll(/href="\/plans\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, 2, 'two plans of council 1');
    assert.match(list.body, /Synthetic improvement plan 1 \(synthetic data\)/);
    const [planId] = ids;
    const overview = await manager.get(`/plans/${planId}`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Synthetic recommendation 1/i);
    const action = await manager.get(`/plans/${planId}/actions/a1`);
    assert.equal(action.statusCode, 200);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, String(planId)));
    const given = doc.updates.filter((u) => u.actionId === 'a1');
    assert.equal(given.length, 4, 'one update a month');
    for (const update of given)
      assert.ok(action.body.includes(formatDate(update.date)), update.date);
    const measures = await manager.get(`/plans/${planId}/measures`);
    assert.equal(measures.statusCode, 200);
    assert.match(measures.body, /synthetic measure 1/);

    const plans = await app.transaction((trx) => app.services.plans.list(trx));
    assert.equal(plans.length, 4);
    const theirs = plans.find((p) => !ids.includes(p.id));
    assert.ok(theirs);
    assert.equal((await manager.get(`/plans/${theirs.id}`)).statusCode, 404, 'not council 2’s');

    const lead = await new WebClient(server).signIn(leadEmail(1), SYNTHETIC_PASSWORD);
    const home = await lead.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Synthetic improvement plan/);
  });
});
