import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';

// A page a server process keeps is filed under its council's revision (PlanScopeRow.revision,
// moved at commit by triggers, migration 2026-12-08T0000): if a change to something a page
// shows did not move it, every process would go on showing the page as it was.

/** Tables whose changes no page shows, so they move no revision; every other table must. */
const NOT_KEPT = new Set([
  'session',
  'audit_event',
  'oidc_sign_in',
  'mail_weekly_digest',
  'kysely_migration',
  'kysely_migration_lock',
  'organisation_revision',
  'revision_pending',
]);

let app: Awaited<ReturnType<typeof testContext>>;
let planA: string;
let planB: string;

before(async () => {
  app = await testContext();
  const importFor = (slug: string, name: string) =>
    app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('test'),
        buildPlanDocument({ organisation: { slug, name } }),
      ),
    );
  planA = await importFor('aville', 'Aville Borough Council');
  planB = await importFor('beeshire', 'Beeshire County Council');
});
after(() => app.close());

const revisionOf = (planId: string) => app.services.plans.revision(app.db, planId);

test('every table a page may show moves its council’s revision on insert, update and delete', async () => {
  const { rows } = await sql<{ table: string; events: string[] }>`
    select c.relname as "table",
      coalesce(array_agg(t.tgname::text) filter (where t.tgname like '%\_revision'), '{}') as events
    from pg_class c
    left join pg_trigger t on t.tgrelid = c.oid and not t.tgisinternal
    where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
    group by c.relname
    order by c.relname
  `.execute(app.db);
  assert.ok(rows.length > 30, 'the schema’s tables are read');
  const missing = rows
    .filter((r) => !NOT_KEPT.has(r.table))
    .filter((r) =>
      ['insert', 'update', 'delete'].some((e) => !r.events.includes(`${r.table}_${e}_revision`)),
    )
    .map((r) => r.table);
  assert.deepEqual(
    missing,
    [],
    'a table without the revision triggers: add it to the revision migration, or to NOT_KEPT with why',
  );
});

test('a committed change moves its own council’s revision and no other’s; reads move nothing', async () => {
  const a = await revisionOf(planA);
  const b = await revisionOf(planB);
  assert.ok(a !== null && b !== null);
  await app.services.documents.export(app.db, planA);
  assert.equal(await revisionOf(planA), a, 'reading the plan moves nothing');
  await app.transaction((trx) =>
    app.services.plans.update(trx, app.changeBy('test'), planA, { title: 'Aville’s new plan' }),
  );
  const moved = await revisionOf(planA);
  assert.notEqual(moved, a, 'the plan’s change moved its council’s revision');
  assert.equal(await revisionOf(planB), b, 'another council’s revision stays');
  await app.db
    .updateTable('organisation')
    .set({ name: 'Aville City Council' })
    .where('slug', '=', 'aville')
    .execute();
  assert.notEqual(await revisionOf(planA), moved, 'the council’s own name moves it too');
});

test('a change not committed moves nothing, and inside it nothing read may be kept', async () => {
  const a = await revisionOf(planA);
  await assert.rejects(
    app.transaction(async (trx) => {
      await app.services.plans.update(trx, app.changeBy('test'), planA, { title: 'Not kept' });
      assert.equal(
        await app.services.plans.revision(trx, planA),
        null,
        'a transaction that has written reads no revision',
      );
      throw new Error('given up');
    }),
    /given up/,
  );
  assert.equal(await revisionOf(planA), a);
  assert.equal(
    (await app.db.selectFrom('plan').select('title').where('id', '=', planA).executeTakeFirst())
      ?.title,
    'Aville’s new plan',
  );
  const pending = await sql<{ n: number }>`select count(*)::int as n from revision_pending`.execute(
    app.db,
  );
  assert.equal(pending.rows[0]?.n, 0, 'nothing is left pending after commits and rollbacks');
});

test('a person’s new name moves the revision of each council they belong to', async () => {
  const org = await app.db
    .selectFrom('organisation')
    .select('id')
    .where('slug', '=', 'beeshire')
    .executeTakeFirstOrThrow();
  const user = await app.db
    .insertInto('appUser')
    .values({ email: 'sam.lead@beeshire.gov.uk', name: 'Sam Lead' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db
    .insertInto('membership')
    .values({ userId: user.id, organisationId: org.id, role: 'viewer', leadNames: [] })
    .execute();
  const a = await revisionOf(planA);
  const b = await revisionOf(planB);
  await app.db
    .updateTable('appUser')
    .set({ name: 'Sam Leader' })
    .where('id', '=', user.id)
    .execute();
  assert.notEqual(await revisionOf(planB), b);
  assert.equal(await revisionOf(planA), a);
});
