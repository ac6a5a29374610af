import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Why an e-mail has not gone (yet), in the words the round page shows; last_error keeps
    -- the mail server's own answer for the log. A bounced e-mail (refused for good, an SMTP
    -- 5xx answer) has status 'bounced' and is never tried again.
    alter table mail_outbox add column failure_reason text;
    -- The weeks each person's weekly digest (actions falling due or overdue) has been
    -- considered: claimed once per person and week, by whichever process gets there first,
    -- whether or not anything was due (so that nobody is considered again that week).
    create table mail_weekly_digest (
      user_id uuid not null references app_user(id) on delete cascade,
      week_start date not null,
      considered_at timestamptz not null,
      primary key (user_id, week_start)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table mail_weekly_digest;
    alter table mail_outbox drop column failure_reason;
  `.execute(db);
}
