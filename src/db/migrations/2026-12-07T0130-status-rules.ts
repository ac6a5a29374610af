import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The status the rules suggested when an update was given (kept beside its proposal).
    alter table progress_update add column suggested_status text;
    -- A plan may refuse an update proposing "complete" that gives no link or file.
    alter table plan add column evidence_before_complete boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan drop column evidence_before_complete;
    alter table progress_update drop column suggested_status;
  `.execute(db);
}
