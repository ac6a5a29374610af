import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Why an e-mail has not gone (yet), in the words the round page shows; last_error keeps
    -- the mail server's own answer for the log. A bounced e-mail (refused for good, an SMTP
    -- 5xx answer) has status 'bounced' and is never tried again.
    alter table mail_outbox add column failure_reason text;
    -- The weekly digest of actions falling due or overdue: one a week per person, whatever
    -- the plan, so it names no round.
    create index mail_outbox_user_kind_idx on mail_outbox (user_id, kind);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index mail_outbox_user_kind_idx;
    alter table mail_outbox drop column failure_reason;
  `.execute(db);
}
