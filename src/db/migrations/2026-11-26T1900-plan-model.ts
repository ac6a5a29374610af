import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisation (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      name text not null,
      created_at timestamptz not null default now()
    );

    create table rag_scheme (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid references organisation(id),
      key text not null,
      name text not null,
      statuses jsonb not null,
      unique nulls not distinct (organisation_id, key)
    );

    create table board (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id),
      name text not null,
      cadence text,
      chair text,
      unique (organisation_id, name)
    );

    create table inspection (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id),
      framework text not null,
      started_on date,
      ended_on date,
      published_on date,
      received_on date,
      judgements jsonb not null default '[]'
    );

    create table plan (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id),
      inspection_id uuid references inspection(id),
      rag_scheme_id uuid not null references rag_scheme(id),
      title text not null,
      version_label text,
      status text not null check (status in ('draft', 'approved', 'submitted', 'monitoring', 'closed')),
      period_start date,
      period_end date,
      statement_kind text not null default 'statement-of-action',
      deadline_override date,
      deadline_override_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index plan_organisation_idx on plan (organisation_id);

    create table plan_board (
      plan_id uuid not null references plan(id) on delete cascade,
      board_id uuid not null references board(id),
      position int not null,
      primary key (plan_id, board_id)
    );

    create table section (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      ref text,
      title text not null,
      category text,
      primary key (plan_id, id)
    );

    create table theme (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      kind text not null,
      ref text,
      title text not null,
      sponsor text,
      lead text,
      commitments jsonb not null default '[]',
      success_criteria jsonb not null default '[]',
      primary key (plan_id, id)
    );

    create table recommendation (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      ref text,
      text text not null,
      category text,
      judgement_area text,
      section_id text,
      theme_id text,
      leads jsonb not null default '[]',
      due jsonb,
      due_end date,
      primary key (plan_id, id),
      foreign key (plan_id, section_id) references section(plan_id, id),
      foreign key (plan_id, theme_id) references theme(plan_id, id)
    );

    create table action (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      recommendation_id text,
      theme_id text,
      ref text,
      text text not null,
      outcomes text,
      leads jsonb not null default '[]',
      due jsonb,
      due_end date,
      status text,
      evidence text,
      primary key (plan_id, id),
      foreign key (plan_id, recommendation_id) references recommendation(plan_id, id),
      foreign key (plan_id, theme_id) references theme(plan_id, id)
    );
    create index action_due_idx on action (plan_id, due_end);

    create table progress_update (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      action_id text not null,
      date date not null,
      author text not null,
      text text not null,
      proposed_status text,
      evidence jsonb not null default '[]',
      primary key (plan_id, id),
      foreign key (plan_id, action_id) references action(plan_id, id)
    );

    create table measure (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      ref text,
      name text not null,
      unit text,
      direction text not null,
      range_low double precision,
      range_high double precision,
      lead text,
      baseline jsonb,
      targets jsonb not null default '[]',
      actuals jsonb not null default '[]',
      comparators jsonb not null default '[]',
      action_ids jsonb not null default '[]',
      recommendation_ids jsonb not null default '[]',
      primary key (plan_id, id)
    );

    create table risk (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      ref text,
      threat text not null,
      impact_before text,
      probability_before text,
      controls text,
      control_action_ids jsonb not null default '[]',
      impact_after text,
      probability_after text,
      owner text,
      primary key (plan_id, id)
    );

    create table cost (
      plan_id uuid not null references plan(id) on delete cascade,
      id text not null,
      position int not null,
      action_id text,
      theme_id text,
      item text not null,
      amount_pence bigint not null,
      recurrence text not null,
      financial_year text,
      staffing text,
      notes text,
      primary key (plan_id, id),
      foreign key (plan_id, action_id) references action(plan_id, id),
      foreign key (plan_id, theme_id) references theme(plan_id, id)
    );

    -- History: every change to a plan, written in the same transaction as the change.
    create table change_log (
      id bigint generated always as identity primary key,
      plan_id uuid not null,
      entity text not null,
      entity_id text not null,
      op text not null check (op in ('create', 'update', 'delete')),
      before jsonb,
      after jsonb,
      actor text not null,
      at timestamptz not null,
      reason text
    );
    create index change_log_plan_idx on change_log (plan_id, at, id);
    create index change_log_entity_idx on change_log (plan_id, entity, entity_id, id);

    create function change_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'change_log is append-only: % is not allowed', tg_op;
    end;
    $$;
    create trigger change_log_append_only
      before update or delete or truncate on change_log
      for each statement execute function change_log_is_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table change_log; drop function change_log_is_append_only();
    drop table cost; drop table risk; drop table measure; drop table progress_update;
    drop table action; drop table recommendation; drop table theme; drop table section;
    drop table plan_board; drop table plan; drop table inspection; drop table board;
    drop table rag_scheme; drop table organisation;
  `.execute(db);
}
