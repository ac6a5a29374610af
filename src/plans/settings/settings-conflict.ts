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
