import type { ColumnType, Generated } from 'kysely';
import type { Json } from './column-types.js';

// The tables of people, sessions, roles, one-time links, single sign-on and the access log
// (schema.ts holds the plan's tables and the Database type that joins them all).

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  passwordHash: string | null;
  active: Generated<boolean>;
  createdAt: Generated<string>;
}

export interface SessionTable {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  pendingForm: ColumnType<PendingForm | null, never, string | null>;
}

/** A form that arrived after its session ended: shown again, filled in, after sign-in. */
export interface PendingForm {
  path: string;
  values: Record<string, string>;
}

export type Role = 'administrator' | 'plan-manager' | 'action-lead' | 'viewer' | 'adviser';

export interface MembershipTable {
  id: Generated<string>;
  userId: string;
  organisationId: string;
  role: Role;
  planId: string | null;
  leadNames: Json<string[]>;
  expiresAt: string | null;
  createdAt: Generated<string>;
}

export interface OneTimeTokenTable {
  id: string;
  kind: 'invitation' | 'password-reset';
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface OidcConfigTable {
  organisationId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  enabled: Generated<boolean>;
}

export interface UserIdentityTable {
  issuer: string;
  subject: string;
  userId: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  kind: string;
  userId: string | null;
  email: string | null;
  organisationId: string | null;
  planId: string | null;
  address: string | null;
  detail: Json<Record<string, unknown>>;
}
