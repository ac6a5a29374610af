import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A file of measure values between its preview and the person's confirmation: the rows
    -- that can be saved and the problems found, as read when it was uploaded. confirmed_at
    -- is set once, in the transaction that saves the rows, so confirming twice saves once.
    create table measure_upload (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      file_name text not null,
      entries jsonb not null,
      problems jsonb not null,
      created_at timestamptz not null,
      confirmed_at timestamptz,
      saved int
    );
    create index measure_upload_plan_idx on measure_upload (plan_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table measure_upload;`.execute(db);
}
