import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.
//
// A measure's values move out of the JSON arrays in its row (actuals, comparators) into a
// table of their own: one row per measure, period and series, so each value can be added,
// corrected (the change log keeps the earlier one) and queried by period. The move is
// recorded in the change log as it happens, so a plan seen "as at" a day before it shows
// the values from the measure's old state and a day after shows them from the new rows.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table measure_value (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      measure_id text not null,
      -- 'actual', or the name of a comparator ("England", "Statistical neighbours").
      series text not null,
      -- The last day of the period the value is for; null when the source gave no period.
      period date,
      -- The period in words when it is not a calendar month ("Q1 2015/16", "2014/15").
      period_label text,
      value double precision,
      -- Why a value is missing: x, c, .., n/a (kept as missing, never as zero).
      missing text,
      provisional boolean not null default false,
      note text,
      source text,
      entered_by text,
      entered_at timestamptz,
      primary key (plan_id, id),
      foreign key (plan_id, measure_id) references measure(plan_id, id)
    );
    create unique index measure_value_period_idx
      on measure_value (plan_id, measure_id, series, period) where period is not null;
    alter table plan add column impact_tolerance double precision;
    alter table measure add column frequency text;
  `.execute(db);

  // The values as they were, in the order they were listed: actuals first, then comparators.
  await sql`
    insert into measure_value
      (plan_id, id, position, measure_id, series, period, value, note)
    select plan_id, left(id, 56) || '-v' || n, row_number() over (partition by plan_id order by mpos, n) - 1,
           id, series, period, value, note
    from (
      select m.plan_id, m.id, m.position as mpos, 'actual' as series,
             (a.v->>'date')::date as period, (a.v->>'value')::double precision as value,
             a.v->>'text' as note, a.n
      from measure m, jsonb_array_elements(m.actuals) with ordinality as a(v, n)
      union all
      select m.plan_id, m.id, m.position, c.v->>'name',
             (c.v->>'date')::date, (c.v->>'value')::double precision, c.v->>'text',
             1000 + c.n
      from measure m, jsonb_array_elements(m.comparators) with ordinality as c(v, n)
    ) moved
  `.execute(db);

  await sql`
    insert into change_log (plan_id, entity, entity_id, op, before, after, actor, at, reason)
    select plan_id, 'measureValue', id, 'create', null,
           jsonb_build_object(
             'planId', plan_id, 'id', id, 'position', position, 'measureId', measure_id,
             'series', series, 'period', period, 'periodLabel', period_label, 'value', value,
             'missing', missing, 'provisional', provisional, 'note', note, 'source', source,
             'enteredBy', entered_by, 'enteredAt', entered_at),
           'g2g', now(), 'Values moved into a table of their own'
    from measure_value
  `.execute(db);

  // Each measure whose last recorded state held values is recorded again without them.
  await sql`
    insert into change_log (plan_id, entity, entity_id, op, before, after, actor, at, reason)
    select plan_id, 'measure', entity_id, 'update', after,
           (after - 'actuals' - 'comparators') || jsonb_build_object('frequency', null),
           'g2g', now(), 'Values moved into a table of their own'
    from (
      select distinct on (plan_id, entity_id) plan_id, entity_id, after
      from change_log where entity = 'measure'
      order by plan_id, entity_id, at desc, id desc
    ) latest
    where after is not null and (after ? 'actuals' or after ? 'comparators')
  `.execute(db);

  await sql`
    alter table measure drop column actuals;
    alter table measure drop column comparators;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table measure add column actuals jsonb not null default '[]';
    alter table measure add column comparators jsonb not null default '[]';
    update measure m set
      actuals = coalesce((select jsonb_agg(jsonb_build_object('value', v.value, 'date', v.period,
        'text', v.note) order by v.position) from measure_value v
        where v.plan_id = m.plan_id and v.measure_id = m.id and v.series = 'actual'), '[]'),
      comparators = coalesce((select jsonb_agg(jsonb_build_object('name', v.series,
        'value', v.value, 'date', v.period, 'text', v.note) order by v.position)
        from measure_value v
        where v.plan_id = m.plan_id and v.measure_id = m.id and v.series <> 'actual'), '[]');
    drop table measure_value;
    alter table measure drop column frequency;
    alter table plan drop column impact_tolerance;
  `.execute(db);
}
