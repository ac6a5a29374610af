import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A plan may ask that a status proposed in an update waits for a manager's confirmation.
    alter table plan add column confirm_statuses boolean not null default false;
    -- The status an update proposed, while it waits for that confirmation (else null).
    alter table action add column proposed_status text;
    -- The day a plan opens at, when it is shown in its own time (a demonstration plan).
    alter table plan add column open_as_at date;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan drop column open_as_at;
    alter table action drop column proposed_status;
    alter table plan drop column confirm_statuses;
  `.execute(db);
}
