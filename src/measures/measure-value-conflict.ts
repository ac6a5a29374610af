import type { EditConflict } from '../plans/content/edit-version.js';
import { type ConflictRow, resolveConflict } from '../web/edit-conflict.js';
import { valueText } from './measure-value-version.js';

/** The values a form says its page showed; undefined when it says nothing readable. */
export function sentValues(sent: string | undefined): Record<string, string> | undefined {
  if (!sent) return undefined;
  try {
    const parsed: unknown = JSON.parse(sent);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return undefined;
  }
}

/** A value as its form-carried text reads to a person: the part before its digest. */
const words = (text: string) => text.split('~')[0] ?? '';

/** A refused value: the period's value when the page was read, as saved now, and as typed. */
export function valueConflict(
  conflict: EditConflict,
  shown: Record<string, string>,
  key: string,
  period: string,
  typed: string,
): ConflictRow[] {
  const saved = conflict.current.id
    ? valueText(conflict.current as Parameters<typeof valueText>[0])
    : '';
  return resolveConflict(
    [[`Value for ${period}`, 'value', words]],
    { value: shown[key] ?? '' },
    { value: saved },
    { value: `${typed.trim()}~` },
  ).rows.map((row) => ({ ...row, yours: typed.trim() || 'Nothing' }));
}
