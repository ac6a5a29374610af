import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- How a sent e-mail went: 'smtp' (a mail server accepted it) or 'log' (no SMTP_URL in
    -- development: it was only written to the server's log), so that the round page never
    -- says "Sent" of an e-mail nobody received. Null for e-mails not sent, and for those sent
    -- before this column existed.
    alter table mail_outbox add column sent_via text
      check (sent_via is null or sent_via in ('smtp', 'log'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox drop column sent_via;`.execute(db);
}
