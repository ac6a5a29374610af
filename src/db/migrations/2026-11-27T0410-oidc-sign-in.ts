import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A single sign-on in progress: what the callback must check (state, nonce, PKCE verifier).
    -- The browser holds a random key in a cookie; only its hash is the id. Deleted on first use.
    create table oidc_sign_in (
      id text primary key,
      organisation_id uuid not null references organisation(id) on delete cascade,
      state text not null,
      nonce text not null,
      code_verifier text not null,
      return_to text not null,
      expires_at timestamptz not null
    );
    create index oidc_sign_in_expires_idx on oidc_sign_in (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table oidc_sign_in`.execute(db);
}
