import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A person deactivated in one council: their roles there were removed (so they see nothing of
    -- it) and are kept here, to be given back if an administrator reactivates them.
    create table deactivated_member (
      user_id uuid not null references app_user(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      roles jsonb not null,
      deactivated_at timestamptz not null,
      primary key (user_id, organisation_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table deactivated_member;`.execute(db);
}
