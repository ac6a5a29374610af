import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

// Measure values used to live in JSON arrays inside each measure row. The migration moves
// them into measure_value and records the move, so "as at" a day before shows the values as
// the measure held them, and a day after shows the new rows: the same values either way.

let app: Awaited<ReturnType<typeof testContext>>;
let planId: string;

const BEFORE_VALUES = '2026-12-03T0900-status-confirmation-and-as-at';

before(async () => {
  app = await testContext();
  app.clock.set('2026-01-10T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ measureValues: [] }),
    ),
  );
  // Back to the schema before the move, holding values the old way, with their history.
  const migrator = new Migrator({
    db: app.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const down = await migrator.migrateTo(BEFORE_VALUES);
  assert.equal(down.error, undefined);
  const actuals = [
    { value: 61, date: '2026-04-30', text: '61% in April' },
    { value: 68, date: '2026-05-31', text: null },
  ];
  const comparators = [{ name: 'England', value: 83, date: '2026-03-31', text: null }];
  await sql`
    update measure set actuals = ${JSON.stringify(actuals)}::jsonb,
      comparators = ${JSON.stringify(comparators)}::jsonb
    where plan_id = ${planId} and id = 'm1'
  `.execute(app.db);
  await sql`
    insert into change_log (plan_id, entity, entity_id, op, before, after, actor, at)
    select plan_id, 'measure', 'm1', 'update', after,
      after || jsonb_build_object('actuals', ${JSON.stringify(actuals)}::jsonb,
                                  'comparators', ${JSON.stringify(comparators)}::jsonb),
      'performance team', '2026-06-10T09:00:00Z'
    from change_log where plan_id = ${planId} and entity = 'measure' and entity_id = 'm1'
  `.execute(app.db);
  // Every migration after BEFORE_VALUES runs again, the values' one among them.
  assert.ok((await migrateToLatest(app.db)).includes('2026-12-03T1300-measure-values'));
});

after(() => app.close());

const valuesNow = async () =>
  (await app.transaction((trx) => app.services.documents.export(trx, planId))).measureValues;
const valuesAsAt = async (day: string) =>
  (
    await app.transaction((trx) =>
      app.services.documents.exportAsAt(trx, planId, `${day}T23:59:59.999Z`),
    )
  ).measureValues;
const brief = (vs: Array<{ series: string; period: string | null; value: number | null }>) =>
  vs.map((v) => [v.series, v.period, v.value]);

describe('moving measure values into their own table', () => {
  test('the values are rows now, actuals and comparators, none lost or made zero', async () => {
    assert.deepEqual(brief(await valuesNow()), [
      ['actual', '2026-04-30', 61],
      ['actual', '2026-05-31', 68],
      ['England', '2026-03-31', 83],
    ]);
    const measure = (await app.transaction((trx) => app.services.documents.export(trx, planId)))
      .measures[0];
    assert.ok(measure && !('actuals' in measure) && !('comparators' in measure));
  });

  test('as at a day before the move, the values are the ones the measure held', async () => {
    assert.deepEqual(await valuesAsAt('2026-06-11'), await valuesNow());
    assert.deepEqual(await valuesAsAt('2026-06-01'), []);
  });

  test('a later correction keeps the earlier value in the history and in the past', async () => {
    app.clock.set('2027-01-05T09:00:00Z');
    await app.transaction((trx) =>
      app.services.measureValues.record(trx, app.changeBy('analyst'), planId, {
        measureId: 'm1',
        period: '2026-05-31',
        value: 69.5,
      }),
    );
    assert.deepEqual(brief(await valuesNow())[1], ['actual', '2026-05-31', 69.5]);
    assert.deepEqual(brief(await valuesAsAt('2026-12-31'))[1], ['actual', '2026-05-31', 68]);
  });

  test('going back down puts the values into the measure again', async () => {
    const migrator = new Migrator({
      db: app.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    assert.equal((await migrator.migrateTo(BEFORE_VALUES)).error, undefined);
    const { rows } = await sql<{ actuals: Array<{ value: number }> }>`
      select actuals from measure where plan_id = ${planId} and id = 'm1'
    `.execute(app.db);
    assert.deepEqual(
      rows[0]?.actuals.map((a) => a.value),
      [61, 69.5],
    );
    await migrateToLatest(app.db);
  });
});
