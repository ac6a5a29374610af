import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A board pack as it was published for a meeting: its content is stored whole, so later
    -- changes to the plan never change it. The board's name is kept as it was then.
    create table board_pack (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id) on delete cascade,
      board_id uuid references board(id) on delete set null,
      board_name text not null,
      meeting text not null,
      as_at date not null,
      published_at timestamptz not null default now(),
      published_by text not null,
      published_by_user_id uuid,
      content jsonb not null
    );
    create index board_pack_plan on board_pack (plan_id, board_id, as_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table board_pack;`.execute(db);
}
