import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { EpochCache, WriteEpoch } from './write-epoch.js';

let app: Awaited<ReturnType<typeof testContext>>;

before(async () => {
  app = await testContext();
});
after(() => app.close());

test('reads leave the count alone; every kind of write moves it', async () => {
  const writes = app.database.writes;
  if (!writes) {
    // A PostgreSQL server may be changed by other processes: nothing is counted or kept.
    assert.equal(app.database.kind, 'postgres');
    return;
  }
  const at = writes.current();
  await app.db.selectFrom('plan').selectAll().execute();
  await app.services.history.version(app.db, '00000000-0000-4000-8000-000000000000');
  assert.equal(writes.current(), at);
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('test'), buildPlanDocument()),
  );
  assert.ok(writes.current() > at);
  const afterInsert = writes.current();
  await app.db.updateTable('plan').set({ title: 'Renamed' }).where('id', '=', planId).execute();
  assert.ok(writes.current() > afterInsert);
  const afterUpdate = writes.current();
  await app.db.deleteFrom('session').execute();
  assert.ok(writes.current() > afterUpdate);
});

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
