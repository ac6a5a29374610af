import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- E-mails waiting to go out, sent by whichever process claims them first (FOR UPDATE SKIP
    -- LOCKED, with a lease so that a process that stops mid-send gives them back). dedupe_key
    -- makes each e-mail (a round's digest to one person, say) exist once, however many
    -- processes decide it is due.
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid references plan(id) on delete cascade,
      round_id uuid references update_round(id) on delete cascade,
      kind text not null,
      dedupe_key text not null unique,
      user_id uuid references app_user(id) on delete set null,
      recipient text not null,
      recipient_name text not null,
      subject text not null,
      body text not null,
      link text not null,
      status text not null default 'queued',
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      lease_until timestamptz,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null
    );
    create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status in ('queued', 'sending');
    create index mail_outbox_round_idx on mail_outbox (round_id);

    -- A person's choice to stop the update rounds' digests and reminders.
    create table mail_preference (
      user_id uuid primary key references app_user(id) on delete cascade,
      round_digests boolean not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table mail_preference;
    drop table mail_outbox;
  `.execute(db);
}
