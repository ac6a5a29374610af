import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A returned round workbook, read and checked, waiting for the manager to confirm it.
    -- Nothing of it is saved as updates until confirmed: then confirmed_at is set in the
    -- same transaction as the updates, so a second "Confirm" finds it done. Expired rows
    -- are purged.
    create table round_workbook_upload (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id) on delete cascade,
      round_id uuid not null references update_round(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      file_name text not null,
      state jsonb not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      confirmed_at timestamptz,
      saved_count int
    );
    create index round_workbook_upload_expires_idx on round_workbook_upload (expires_at);

    -- The statutory clock's stages a council sets for a plan being written, with the day
    -- each was reached (draft, scrutiny, Cabinet or lead member, submitted).
    create table plan_stage (
      plan_id uuid not null references plan(id) on delete cascade,
      stage text not null check (stage in ('draft', 'scrutiny', 'approval', 'submitted')),
      reached_on date not null,
      primary key (plan_id, stage)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table plan_stage;
    drop table round_workbook_upload;
  `.execute(db);
}
