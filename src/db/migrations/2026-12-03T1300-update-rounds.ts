import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A monthly update round: leads give their updates by the deadline; the manager closes it.
    -- One round per plan and period (the month of its first deadline), one open at a time.
    create table update_round (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id) on delete cascade,
      name text not null,
      period text not null,
      deadline date not null,
      opened_at timestamptz not null,
      opened_by text not null,
      closed_at timestamptz,
      closed_by text,
      unique (plan_id, period)
    );
    create unique index update_round_one_open_idx on update_round (plan_id) where closed_at is null;

    -- The actions a round asks an update on.
    create table update_round_action (
      round_id uuid not null references update_round(id) on delete cascade,
      plan_id uuid not null,
      action_id text not null,
      primary key (round_id, action_id),
      foreign key (plan_id, action_id) references action(plan_id, id) on delete cascade
    );

    -- The round an update counts towards; round_id null: given after a round closed, it
    -- waits for the next round to open.
    create table round_update (
      plan_id uuid not null,
      update_id text not null,
      round_id uuid references update_round(id) on delete cascade,
      primary key (plan_id, update_id),
      foreign key (plan_id, update_id) references progress_update(plan_id, id) on delete cascade
    );
    create index round_update_round_idx on round_update (round_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table round_update;
    drop table update_round_action;
    drop table update_round;
  `.execute(db);
}
