import { createHash } from 'node:crypto';
import { EditConflict } from '../plans/content/edit-version.js';
import type { EntityRow } from '../plans/content/plan-entities.js';

// The "Add or correct a value" form carries the values its page showed, period by period, so
// a value someone else entered or corrected since is not replaced without this person
// seeing it. Only the period being saved is compared: others may change meanwhile.

type ValueRow = {
  series?: string | null;
  period?: string | null;
  value?: unknown;
  missing?: unknown;
  provisional?: unknown;
  note?: unknown;
  source?: unknown;
};

/** A value's key in the form's list: its series and period. */
export const valueKey = (series: string, period: string) => `${series}|${period}`;

/**
 * What a value says, as the form carries it: its figure or missing mark as people read it,
 * then a digest of everything saved about it (figure, mark, provisional, note, source).
 */
export function valueText(v: ValueRow): string {
  const all = JSON.stringify([
    v.value ?? null,
    v.missing ?? null,
    v.provisional ?? false,
    v.note ?? null,
    v.source ?? null,
  ]);
  const said =
    typeof v.value === 'number' ? String(v.value) : typeof v.missing === 'string' ? v.missing : '';
  const digest = createHash('sha256').update(all).digest('base64url').slice(0, 16);
  return `${said}${v.provisional ? ' (provisional)' : ''}~${digest}`;
}

/** The values a page shows, keyed by series and period (JSON for the form). */
export function shownValues(values: ValueRow[], series: (v: ValueRow) => string): string {
  return JSON.stringify(
    Object.fromEntries(values.map((v) => [valueKey(series(v), v.period ?? ''), valueText(v)])),
  );
}

/** Refuses a value for a period whose value changed since the form showed `shown`. */
export function checkShownValue(
  shown: Record<string, string> | undefined,
  key: string,
  held: EntityRow | undefined,
): void {
  if (shown === undefined) return;
  if (shown[key] === (held ? valueText(held as ValueRow) : undefined)) return;
  throw new EditConflict(held ?? { planId: '', id: '', position: 0, value: null }, 'measure value');
}
