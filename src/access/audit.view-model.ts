import type { AuditEventRow } from './access.repository.js';
import { changedFields } from '../history/history.service.js';
import type { ChangeRow } from '../history/history.repository.js';
import { ENTITY_KINDS } from '../plans/content/plan-entities.js';
import { formatDate } from '../plans/plan.view-model.js';

// The audit trail as people read it: who changed what and when, before and after.

export const when = (iso: string) => `${formatDate(iso)} ${iso.slice(11, 16)} UTC`;

/** One value as short text: JSON for structures, "—" for nothing. */
export function showValue(value: unknown, max = Infinity): string {
  if (value === null || value === undefined || value === '') return '—';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && 'text' in value && typeof value.text === 'string'
        ? value.text
        : Array.isArray(value) && value.every((v) => typeof v === 'object' && v && 'name' in v)
          ? value.map((v: { name: unknown }) => String(v.name)).join(' / ')
          : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const OP_LABELS = { create: 'Added', update: 'Changed', delete: 'Removed' } as const;

/** Bookkeeping a person does not need to read (the due date's end goes with the due date). */
const HIDDEN = new Set(['id', 'planId', 'dueEnd']);
const FIELD_LABELS: Record<string, string> = {
  ref: 'Reference',
  due: 'Due date',
  recommendationId: 'Recommendation',
  actionId: 'Action',
  themeId: 'Theme or workstream',
  sectionId: 'Section',
  proposedStatus: 'Proposed status',
  position: 'Place in order',
};

/** "successCriteria" → "Success criteria". */
export function fieldLabel(field: string): string {
  const label = FIELD_LABELS[field];
  if (label) return label;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The fields a change is about: what changed, or for an addition or removal what it held. */
function fieldsOf(row: ChangeRow): string[] {
  if (row.op === 'update') {
    return changedFields(row.before, row.after).filter((f) => !HIDDEN.has(f));
  }
  const state: Record<string, unknown> = row.after ?? row.before ?? {};
  return Object.keys(state).filter(
    (k) => !HIDDEN.has(k) && k !== 'position' && showValue(state[k]) !== '—',
  );
}

export interface PlanAuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/** Reads the filter from the query string; anything unrecognised is ignored, never an error. */
export function planAuditFilter(query: Record<string, unknown>): PlanAuditFilter {
  const text = (key: string, max = 320) => {
    const value = query[key];
    return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
  };
  const date = (key: string) => {
    const value = text(key, 10);
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
      ? value
      : undefined;
  };
  const entity = text('entity');
  return {
    entity:
      entity && (ENTITY_KINDS as string[]).concat('plan').includes(entity) ? entity : undefined,
    entityId: text('item', 100),
    actor: text('who'),
    from: date('from'),
    to: date('to'),
  };
}

/** The history query for a filter: "to" includes the whole of that day. */
export function historyQuery(filter: PlanAuditFilter) {
  const nextDay = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
  return {
    entity: filter.entity,
    entityId: filter.entityId,
    actor: filter.actor,
    from: filter.from ? `${filter.from}T00:00:00Z` : undefined,
    until: filter.to ? `${nextDay(filter.to)}T00:00:00Z` : undefined,
  };
}

const label = (row: ChangeRow) => {
  const state = row.after ?? row.before ?? {};
  const ref = typeof state.ref === 'string' && state.ref ? state.ref : row.entityId;
  return `${row.entity} ${ref}`;
};

/** Each change with the fields it changed, before and after. */
export function planAuditRows(rows: ChangeRow[]) {
  return rows.map((row) => {
    const fields = fieldsOf(row);
    return {
      when: when(row.at),
      who: row.actor,
      what: label(row),
      entity: row.entity,
      entityId: row.entityId,
      change: OP_LABELS[row.op],
      reason: row.reason,
      fields: fields.map((field) => ({
        field: fieldLabel(field),
        before: row.op === 'create' ? null : showValue(row.before?.[field], 300),
        after: row.op === 'delete' ? null : showValue(row.after?.[field], 300),
      })),
    };
  });
}

/** The CSV: one line per changed field, full values. */
export function planAuditCsvRows(rows: ChangeRow[]): Array<Array<string | null>> {
  return rows.flatMap((row) => {
    const fields = fieldsOf(row);
    return (fields.length ? fields : ['']).map((field) => [
      row.at,
      row.actor,
      row.entity,
      row.entityId,
      OP_LABELS[row.op],
      field,
      row.op === 'create' || !field ? null : showValue(row.before?.[field]),
      row.op === 'delete' || !field ? null : showValue(row.after?.[field]),
      row.reason,
    ]);
  });
}

export const ACCESS_KIND_LABELS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-in-throttled': 'Sign-in refused after too many failures',
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

/** Access events: sign-ins, failures, role changes, exports. `people` maps user ids to e-mails. */
export function accessAuditRows(rows: AuditEventRow[], people: Map<string, string>) {
  return rows.map((row) => {
    const detail = row.detail;
    const subject =
      typeof detail.subject === 'string' ? (people.get(detail.subject) ?? 'someone') : null;
    const facts = Object.entries(detail)
      .filter(([key]) => key !== 'subject')
      .map(([key, value]) => `${key}: ${showValue(value, 200)}`);
    return {
      when: when(row.at),
      who: (row.userId ? people.get(row.userId) : null) ?? row.email ?? '—',
      what: ACCESS_KIND_LABELS[row.kind] ?? row.kind,
      kind: row.kind,
      subject,
      details: facts.join('; '),
      address: row.address ?? '—',
      at: row.at,
    };
  });
}
