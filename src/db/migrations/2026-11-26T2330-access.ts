import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A person's roles in a council; plan_id narrows a role to one plan (an external adviser's chosen plans).
    create table membership (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      role text not null check (role in ('administrator', 'plan-manager', 'action-lead', 'viewer', 'adviser')),
      plan_id uuid references plan(id) on delete cascade,
      -- Names and role titles this person answers for as an action lead ("Head of Service, Early Help").
      lead_names jsonb not null default '[]',
      expires_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index membership_unique_idx
      on membership (user_id, organisation_id, role, coalesce(plan_id, '00000000-0000-0000-0000-000000000000'::uuid));
    create index membership_organisation_idx on membership (organisation_id);

    -- One-time links sent by e-mail: only the token's hash is kept.
    create table one_time_token (
      id text primary key,
      kind text not null check (kind in ('invitation', 'password-reset')),
      user_id uuid not null references app_user(id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index one_time_token_user_idx on one_time_token (user_id);

    -- Single sign-on: a council's OpenID Connect issuer, and who signed in through it.
    create table oidc_config (
      organisation_id uuid primary key references organisation(id) on delete cascade,
      issuer text not null,
      client_id text not null,
      client_secret text not null,
      enabled boolean not null default true
    );
    create table user_identity (
      issuer text not null,
      subject text not null,
      user_id uuid not null references app_user(id) on delete cascade,
      primary key (issuer, subject)
    );

    -- What happened to access: sign-ins, failures, role changes, exports. Append-only like change_log.
    create table audit_event (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      kind text not null,
      user_id uuid,
      email text,
      organisation_id uuid,
      plan_id uuid,
      address text,
      detail jsonb not null default '{}'
    );
    create index audit_event_kind_idx on audit_event (kind, at);
    create index audit_event_organisation_idx on audit_event (organisation_id, at);
    create trigger audit_event_append_only
      before update or delete or truncate on audit_event
      for each statement execute function change_log_is_append_only();

    -- Who made a change, as a person, for the audit view's "by person" filter.
    alter table change_log add column actor_user_id uuid;
    create index change_log_actor_idx on change_log (actor_user_id, at);

    -- A form posted after the session ended is kept here, for the form to show it again after sign-in.
    alter table session add column pending_form jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table session drop column pending_form;
    drop index change_log_actor_idx;
    alter table change_log drop column actor_user_id;
    drop table audit_event; drop table user_identity; drop table oidc_config;
    drop table one_time_token; drop table membership;
  `.execute(db);
}
