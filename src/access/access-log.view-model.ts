import { formatDate, formatDateTime } from '../lib/format.js';
import type { AuditEventRow } from './access.repository.js';
import { KIND_LABELS } from './audit.view-model.js';
import { type Role } from '../db/schema.js';
import { ROLE_LABELS } from './policy.js';

// A council's access log as people read it: who signed in or tried to, roles given and
// changed, exports. Each event's details as short facts in words, empty ones left out.

export const ACCESS_KIND_LABELS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-in-throttled': 'Sign-in refused after too many failures',
  'sign-in-unlocked': 'Failed sign-ins forgotten by an administrator',
  'signed-out-everywhere': 'Signed out everywhere',
  'role-granted': 'Role given',
  'role-changed': 'Role changed',
  'user-invited': 'Invited',
  'user-deactivated': 'Deactivated',
  'user-reactivated': 'Reactivated',
  'invitation-accepted': 'Accepted an invitation',
  'password-reset-requested': 'Asked to reset password',
  'password-reset': 'Reset password',
  export: 'Exported',
  'sso-configured': 'Single sign-on set up',
  'council-added': 'Council added',
  'user-added': 'Person added',
  'password-reset-throttled': 'Password reset refused after too many requests',
  'sso-disabled': 'Single sign-on turned off',
};

const REASONS: Record<string, string> = {
  'no-longer-a-member': 'no longer a member of this council',
  'not-invited': 'not invited to this council',
};

const roleWords = (role: unknown) =>
  typeof role === 'string' && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : scalar(role);

const humanise = (code: string) => {
  const words = code
    .replace(/[-_]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A string, number or boolean as text; '' for anything else. */
const scalar = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';

/** A value with no special words: text as it is, lists joined, never JSON. */
function plainWords(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(plainWords).filter(Boolean).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => (plainWords(v) ? `${humanise(k).toLowerCase()} ${plainWords(v)}` : ''))
      .filter(Boolean)
      .join(', ');
  const s = scalar(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return formatDateTime(s);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s);
  return s;
}

/** What an export of the audit trail was filtered by, in words. */
function filterWords(filter: unknown): string {
  if (!filter || typeof filter !== 'object') return '';
  const f = filter as Record<string, unknown>;
  const text = (k: string) => (typeof f[k] === 'string' && f[k] ? f[k] : null);
  const entity = text('entity');
  return [
    entity ? (KIND_LABELS[entity] ?? humanise(entity)).toLowerCase() : null,
    text('entityId') ? 'one item' : null,
    text('actor') ? `changes by ${text('actor')}` : null,
    text('from') ? `from ${formatDate(text('from'))}` : null,
    text('to') ? `to ${formatDate(text('to'))}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** One detail of an event as a short fact ("Role: Action lead"); null when it says nothing. */
function fact(key: string, value: unknown, plans: Map<string, string>): string | null {
  if (value === null || value === undefined || value === '' || value === false) {
    return key === 'link' && value === false ? 'No link needed: already has a password' : null;
  }
  switch (key) {
    case 'subject':
      return null;
    case 'method':
      return `How: ${value === 'oidc' ? 'single sign-on' : value === 'password' ? 'password' : plainWords(value)}`;
    case 'issuer':
      return `Single sign-on provider: ${plainWords(value)}`;
    case 'reason':
      return `Why: ${REASONS[scalar(value)] ?? humanise(scalar(value)).toLowerCase()}`;
    case 'linked':
      return 'Single sign-on joined to the account for the first time';
    case 'role':
      return `Role: ${roleWords(value)}`;
    case 'roles':
    case 'before':
      return Array.isArray(value) && value.length === 0
        ? null
        : `${key === 'before' ? 'Roles before' : 'Roles'}: ${(Array.isArray(value) ? value : [value]).map(roleWords).join(', ')}`;
    case 'after':
      return `Role now: ${roleWords(value)}`;
    case 'expiresAt':
      return `Access ends: ${formatDateTime(scalar(value))}`;
    case 'newUser':
      return 'New to Getting to Good';
    case 'link':
      return 'Sent a link to set a password';
    case 'what':
      return `What: ${plainWords(value)}`;
    case 'filter': {
      const words = filterWords(value);
      return words ? `Only ${words}` : null;
    }
    case 'kind':
      return `Only events: ${ACCESS_KIND_LABELS[scalar(value)] ?? humanise(scalar(value))}`;
    case 'who':
      return `Only people: ${plainWords(value)}`;
    case 'by':
      return `By: ${plainWords(value)}`;
    case 'slug':
      return `Short name: ${plainWords(value)}`;
    case 'clientId':
      return `Client ID: ${plainWords(value)}`;
    case 'planId':
      return `Plan: ${plans.get(scalar(value)) ?? 'a plan since removed'}`;
    default: {
      const words = plainWords(value);
      return words ? `${humanise(key)}: ${words}` : null;
    }
  }
}

/**
 * Access events in words. `people` maps user ids to e-mail addresses, `plans` plan ids to
 * titles; an event's person or plan not among them is described, never shown by id.
 */
export function accessAuditRows(
  rows: AuditEventRow[],
  people: Map<string, string>,
  plans: Map<string, string> = new Map(),
) {
  return rows.map((row) => {
    const detail = row.detail;
    const subject =
      typeof detail.subject === 'string'
        ? (people.get(detail.subject) ?? 'someone no longer in this council')
        : null;
    const facts = [
      ...Object.entries(detail).map(([key, value]) => fact(key, value, plans)),
      row.planId && !('planId' in detail) ? fact('planId', row.planId, plans) : null,
    ].filter((f): f is string => f !== null);
    return {
      at: row.at,
      when: formatDateTime(row.at),
      who: (row.userId ? people.get(row.userId) : null) ?? row.email ?? 'Not recorded',
      what: ACCESS_KIND_LABELS[row.kind] ?? humanise(row.kind),
      kind: row.kind,
      subject,
      facts,
      details: facts.join('; '),
      address: row.address ?? '',
    };
  });
}

/** The filter's choices of event. */
export function eventItems(selected: string | undefined) {
  return [{ value: '', text: 'Everything' }]
    .concat(Object.entries(ACCESS_KIND_LABELS).map(([value, text]) => ({ value, text })))
    .map((i) => ({ ...i, selected: i.value === (selected ?? '') }));
}
