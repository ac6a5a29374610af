import { formatDate } from '../../lib/format.js';
import { type ConflictRow, originalValues, resolveConflict } from '../../web/edit-conflict.js';
import type { EditConflict } from '../content/edit-version.js';
import type { PlanRow } from '../plan.repository.js';
import { planFieldsVersion } from '../plan.service.js';
import type { PlanStatus } from '../plan.schema.js';
import {
  dateParts,
  isoFromParts,
  type SettingsValues,
  STATUS_LABELS,
} from './settings.view-model.js';

// The plan-fields form on the settings page carries the version of the plan it was read at
// and the values it showed. A save against a plan someone has changed since is refused with
// what they changed, and the form holds what is saved now with this person's changes on top.

/** What the plan-fields form needs to send back: the version it read and the values it showed. */
export interface PlanFormState {
  version: string;
  /** The form as it was opened (JSON of flat values), for a later conflict's comparison. */
  original: string;
  /** When refused: what the other person changed. */
  conflict: ConflictRow[] | null;
}

type Flat = Record<string, string>;

const date = (parts: { day: string; month: string; year: string }) =>
  [parts.day, parts.month, parts.year]
    .map((p) => p.trim())
    .join(' ')
    .trim();
const words = (typed: string) => {
  const [day = '', month = '', year = ''] = typed.split(' ');
  const iso = isoFromParts({ day, month, year });
  return iso ? formatDate(iso) : typed;
};

/** The form's values as one string per field (a date as "1 4 2026"). */
export function flatSettings(values: SettingsValues): Flat {
  return {
    title: values.title,
    versionLabel: values.versionLabel,
    status: values.status,
    periodStart: date(values.periodStart),
    periodEnd: date(values.periodEnd),
  };
}

function unflat(flat: Flat): SettingsValues {
  const parts = (typed = '') => {
    const [day = '', month = '', year = ''] = typed.split(' ');
    return { day, month, year };
  };
  return {
    title: flat.title ?? '',
    versionLabel: flat.versionLabel ?? '',
    status: flat.status ?? '',
    periodStart: parts(flat.periodStart),
    periodEnd: parts(flat.periodEnd),
  };
}

/** A plan's fields as the form shows them. */
export function settingsOf(plan: PlanRow): SettingsValues {
  return {
    title: plan.title,
    versionLabel: plan.versionLabel ?? '',
    status: plan.status,
    periodStart: dateParts(plan.periodStart),
    periodEnd: dateParts(plan.periodEnd),
  };
}

/** The form's state for a plan read now: its version, and these values as the original. */
export function freshFormState(
  plan: PlanRow,
  shown: SettingsValues = settingsOf(plan),
): PlanFormState {
  return {
    version: planFieldsVersion(plan),
    original: JSON.stringify(flatSettings(shown)),
    conflict: null,
  };
}

/**
 * A refused save: what the other person changed (against the form as this person opened it,
 * `sentOriginal`), and the form to show again at the version saved now.
 */
export function conflictState(
  conflict: EditConflict,
  sentOriginal: unknown,
  yours: SettingsValues,
): { values: SettingsValues; state: PlanFormState } {
  const saved = conflict.current as unknown as PlanRow;
  const savedFlat = flatSettings(settingsOf(saved));
  const resolved = resolveConflict(
    [
      ['Title', 'title'],
      ['Version', 'versionLabel'],
      ['Status', 'status', (v) => STATUS_LABELS[v as PlanStatus] ?? v],
      ['Start date', 'periodStart', words],
      ['End date', 'periodEnd', words],
    ],
    originalValues(sentOriginal),
    savedFlat,
    flatSettings(yours),
  );
  return {
    values: unflat(resolved.form),
    state: {
      version: planFieldsVersion(saved),
      original: JSON.stringify(savedFlat),
      conflict: resolved.rows,
    },
  };
}

/** One of the settings page's smaller forms: the plan fields it changes, named for people. */
export interface FieldsForm {
  fields: ReadonlyArray<keyof PlanRow>;
  /** Each field's label, and how its value reads to a person. */
  labels: Array<[label: string, field: string, write?: (value: string) => string]>;
}

/** The state such a form carries: the version of its fields it read, and their values. */
export type FieldsFormState = PlanFormState & { values: Flat };

const yesNo = (v: string) => (v === 'yes' ? 'Yes' : v === 'no' ? 'No' : v);
/** "Do status changes need confirmation?" and "Is evidence needed before complete?". */
export const CONFIRMATION_FORM: FieldsForm = {
  fields: ['confirmStatuses', 'evidenceBeforeComplete'],
  labels: [
    ['Status changes need a plan manager’s confirmation', 'confirmStatuses', yesNo],
    ['Evidence needed before an action is marked complete', 'evidenceBeforeComplete', yesNo],
  ],
};

/** The RAG scheme form; `name` reads a scheme's id as its name. */
export const schemeForm = (name: (id: string) => string): FieldsForm => ({
  fields: ['ragSchemeId'],
  labels: [['RAG scheme', 'ragSchemeId', name]],
});

function fieldsFlat(plan: PlanRow, form: FieldsForm): Flat {
  const flat = (v: unknown) =>
    typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'string' ? v : '';
  return Object.fromEntries(form.fields.map((f) => [f, flat(plan[f])]));
}

/** The form's state for a plan read now. */
export function freshFieldsState(plan: PlanRow, form: FieldsForm): FieldsFormState {
  const values = fieldsFlat(plan, form);
  return {
    version: planFieldsVersion(plan, form.fields),
    original: JSON.stringify(values),
    conflict: null,
    values,
  };
}

/**
 * A refused save of one of the smaller forms: what the other person changed, and the form
 * again at the version saved now, holding what is saved with this person's changes on top.
 */
export function fieldsConflict(
  conflict: EditConflict,
  form: FieldsForm,
  sentOriginal: unknown,
  yours: Flat,
): FieldsFormState {
  const saved = conflict.current as unknown as PlanRow;
  const fresh = freshFieldsState(saved, form);
  const original = originalValues(sentOriginal);
  // A field the form did not send is left as this person found it.
  const mine = Object.fromEntries(
    form.fields.map((f) => [f, yours[f] || original[f] || fresh.values[f] || '']),
  );
  const resolved = resolveConflict(form.labels, original, fresh.values, mine);
  return { ...fresh, conflict: resolved.rows, values: resolved.form };
}
