import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A council's chosen meaning of a status word or colour its plans use ("On track",
    -- "Some slippage", a green fill), from the import review: words is the word's key (spaced
    -- and cased alike), code the RAG status it means, null for no status. The next upload
    -- using the same words is read the same way. Chosen again, it is replaced.
    create table import_status_mapping (
      organisation_id uuid not null references organisation(id) on delete cascade,
      words text not null check (length(words) between 1 and 100),
      code text check (length(code) between 1 and 50),
      chosen_by uuid references app_user(id) on delete set null,
      chosen_at timestamptz not null,
      primary key (organisation_id, words)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_status_mapping;`.execute(db);
}
