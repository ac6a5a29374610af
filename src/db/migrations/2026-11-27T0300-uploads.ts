import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- An uploaded plan document read into a draft, waiting for its person to review and confirm.
    -- Nothing of the plan exists until confirmed: on confirm the draft is emptied (state null,
    -- plan_id set, so a second press of "Confirm" finds the plan instead of making another);
    -- on abandon the row is deleted; expired rows are purged.
    create table import_draft (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      file_name text not null,
      state jsonb,
      plan_id uuid references plan(id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index import_draft_expires_idx on import_draft (expires_at);

    -- A file given as evidence with a progress update, kept in the database so that both
    -- embedded PGlite and a PostgreSQL server hold everything (backups cover it too).
    create table evidence_file (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id) on delete cascade,
      update_id text not null,
      action_id text not null,
      file_name text not null,
      media_type text not null,
      size int not null,
      bytes bytea not null,
      created_at timestamptz not null,
      foreign key (plan_id, update_id) references progress_update(plan_id, id) on delete cascade
    );
    create index evidence_file_update_idx on evidence_file (plan_id, update_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table evidence_file;
    drop table import_draft;
  `.execute(db);
}
