import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A council's chosen reading of a table layout in the importer's column-mapping step:
    -- the layout is known by its header row's words (signature); mapping holds a role per
    -- column. The next upload in the same layout is read the same way. Chosen again, it is
    -- replaced (who and when say the last choice).
    create table import_column_mapping (
      organisation_id uuid not null references organisation(id) on delete cascade,
      signature text not null,
      mapping jsonb not null,
      chosen_by uuid references app_user(id) on delete set null,
      chosen_at timestamptz not null,
      primary key (organisation_id, signature)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_column_mapping;`.execute(db);
}
