import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPlanDocument } from '../test-support/factories.js';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { freshDatabaseEnv, testContext } from '../test-support/test-context.js';
import { EpochCache, WriteEpoch } from './write-epoch.js';

let app: Awaited<ReturnType<typeof testContext>>;

before(async () => {
  app = await testContext();
});
after(() => app.close());

test('reads leave the count alone; every kind of write moves it', async () => {
  // The embedded database counts its writes; on a PostgreSQL server (which counts nothing,
  // see below) the same counter is attached here, so the same statements are checked there.
  const writes = app.database.writes ?? new WriteEpoch();
  const db = app.database.writes ? app.db : app.db.withPlugin(writes);
  const at = writes.current();
  await db.selectFrom('plan').selectAll().execute();
  await app.services.history.version(db, '00000000-0000-4000-8000-000000000000');
  assert.equal(writes.current(), at);
  const planId = await db
    .transaction()
    .execute((trx) =>
      app.services.documents.import(trx, app.changeBy('test'), buildPlanDocument()),
    );
  assert.ok(writes.current() > at);
  const afterInsert = writes.current();
  await db.updateTable('plan').set({ title: 'Renamed' }).where('id', '=', planId).execute();
  assert.ok(writes.current() > afterInsert);
  const afterUpdate = writes.current();
  await db.deleteFrom('session').execute();
  assert.ok(writes.current() > afterUpdate);
});

test('logging a download in the access log leaves the count alone: nothing kept is emptied', async () => {
  const writes = app.database.writes ?? new WriteEpoch();
  const db = app.database.writes ? app.db : app.db.withPlugin(writes);
  const at = writes.current();
  await app.services.access.audit(db, '2026-06-15T09:00:00Z', {
    kind: 'export',
    detail: { what: 'plan (interchange JSON)' },
  });
  assert.equal(writes.current(), at);
  assert.equal(
    (
      await db
        .selectFrom('auditEvent')
        .select('kind')
        .where('at', '=', '2026-06-15T09:00:00Z')
        .execute()
    ).length,
    1,
  );
});

test(
  'on a PostgreSQL server, a change made by another process moves the revision a kept page is filed under',
  {
    skip:
      !process.env.DATABASE_URL &&
      'needs DATABASE_URL: only a PostgreSQL server can be changed by another process (the embedded database admits one)',
  },
  async () => {
    const fresh = await freshDatabaseEnv();
    const here = await createAppContext(loadConfig(fresh.env));
    const elsewhere = await createAppContext(loadConfig(fresh.env));
    try {
      assert.equal(here.database.writes, null);
      const planId = await here.transaction((trx) =>
        here.services.documents.import(trx, here.changeBy('test'), buildPlanDocument()),
      );
      const before = await here.services.plans.revision(here.db, planId);
      assert.equal(await here.services.plans.revision(here.db, planId), before);
      await elsewhere.transaction((trx) =>
        elsewhere.services.plans.update(trx, elsewhere.changeBy('another server'), planId, {
          title: 'Renamed on another server',
        }),
      );
      assert.notEqual(await here.services.plans.revision(here.db, planId), before);
    } finally {
      await elsewhere.close();
      await here.close();
      await fresh.cleanup();
    }
  },
);

test('a kept value is dropped at the next write, and never kept if a write happened while it was read', () => {
  const writes = new WriteEpoch();
  const cache = new EpochCache<string>(writes);
  const bump = () =>
    writes.transformQuery({
      node: { kind: 'DeleteQueryNode' } as never,
      queryId: { queryId: 'x' },
    });
  const mark = cache.mark();
  cache.set('a', 'one', mark);
  assert.equal(cache.get('a'), 'one');
  bump();
  assert.equal(cache.get('a'), undefined);
  const started = cache.mark();
  bump(); // someone wrote while this value was being read
  cache.set('b', 'stale?', started);
  assert.equal(cache.get('b'), undefined);
});

test('without a write count (a PostgreSQL server) nothing is kept', () => {
  const cache = new EpochCache<string>(null);
  cache.set('a', 'one', cache.mark());
  assert.equal(cache.get('a'), undefined);
});
