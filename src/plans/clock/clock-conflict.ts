import { dateParts, type DateParts } from '../../lib/date-parts.js';
import { formatDate } from '../../lib/format.js';
import { type ConflictRow, originalValues, resolveConflict } from '../../web/edit-conflict.js';
import type { EditConflict } from '../content/edit-version.js';
import { type Stage, STAGES } from './clock.repository.js';
import { STAGE_LABELS } from './clock.service.js';
import { clockVersion, type FlatClock } from './clock-version.js';
import type { ClockValues } from './clock.view-model.js';

/** What the clock form read: the version of its dates and the dates themselves (JSON). */
export interface ClockRead {
  version: string;
  original: string;
  /** When refused: what the other person changed. */
  conflict: ConflictRow[] | null;
}

/** The form's state for the clock read now. */
export const clockRead = (flat: FlatClock): ClockRead => ({
  version: clockVersion(flat),
  original: JSON.stringify(flat),
  conflict: null,
});

const day = (iso: string) => (iso ? formatDate(iso) : iso);
const yesNo = (v: string) => (v === 'yes' ? 'Yes' : v === 'no' ? 'No' : v);

/**
 * A refused save: what the other person changed, and the form at the dates saved now with
 * this person's own changes on top.
 */
export function clockConflict(
  conflict: EditConflict,
  sentOriginal: unknown,
  yours: FlatClock,
): { values: ClockValues; read: ClockRead } {
  const saved = Object.fromEntries(
    Object.entries(conflict.current).filter(
      ([k]) => k === 'receivedOn' || k === 'priorityDraft' || STAGES.includes(k as Stage),
    ),
  ) as FlatClock;
  const resolved = resolveConflict(
    [
      ['Report received', 'receivedOn', day],
      ['First draft due for areas for priority action', 'priorityDraft', yesNo],
      ...STAGES.map((s): [string, string, (v: string) => string] => [STAGE_LABELS[s], s, day]),
    ],
    originalValues(sentOriginal),
    saved,
    yours,
  );
  const form = resolved.form;
  const parts = (iso = ''): DateParts => dateParts(iso || null);
  return {
    values: {
      receivedOn: parts(form.receivedOn),
      priorityDraft: form.priorityDraft ?? '',
      stages: Object.fromEntries(STAGES.map((s) => [s, parts(form[s])])) as Record<
        Stage,
        DateParts
      >,
    },
    read: { ...clockRead(saved), conflict: resolved.rows },
  };
}
