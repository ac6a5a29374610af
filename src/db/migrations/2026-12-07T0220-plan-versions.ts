import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A named version of a plan ("Final Draft (V7)") approved by a body ("Cabinet") on a day:
    -- the plan as it stood when the approval was recorded, rebuilt from its history.
    create table plan_version (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id) on delete cascade,
      name text not null,
      approved_by text not null,
      approved_on date not null,
      recorded_at timestamptz not null,
      recorded_by text not null
    );
    create unique index plan_version_name on plan_version (plan_id, lower(name));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table plan_version;`.execute(db);
}
