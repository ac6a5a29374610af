import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What a plan may spend in each financial year ("2026/27"), which its board packs set
    -- its costs against. Changes are recorded in change_log (entity 'budget').
    create table plan_budget (
      plan_id uuid not null references plan(id) on delete cascade,
      financial_year text not null,
      amount_pence bigint not null check (amount_pence >= 0),
      primary key (plan_id, financial_year)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table plan_budget;`.execute(db);
}
