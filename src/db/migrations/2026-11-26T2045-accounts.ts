import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create unique index app_user_email_idx on app_user (lower(email));

    -- Sessions live in the database; the cookie holds a random token whose hash is the id.
    create table session (
      id text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index session_user_idx on session (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table session; drop table app_user;`.execute(db);
}
