import { ROLE_LABELS } from '../access/policy.js';
import { type EditConflict, versionOf } from '../plans/content/edit-version.js';
import { type ConflictRow, originalValues, resolveConflict } from '../web/edit-conflict.js';

/**
 * A refused change: what the other administrator changed, and the form's values again at
 * the version saved now, with this person's own change on top.
 */
export function roleConflict(
  conflict: EditConflict,
  sent: Record<string, string>,
): { rows: ConflictRow[]; values: Record<string, string> } {
  const saved = {
    role: String(conflict.current.role),
    leadNames: String(conflict.current.leadNames),
  };
  const lines = (v: string) =>
    v
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(', ');
  const resolved = resolveConflict(
    [
      ['Role', 'role', (v) => ROLE_LABELS[v as keyof typeof ROLE_LABELS] ?? v],
      ['Lead titles', 'leadNames', lines],
    ],
    originalValues(sent.original),
    saved,
    { role: sent.role ?? '', leadNames: (sent.leadNames ?? '').replace(/\r\n/g, '\n') },
  );
  const version = versionOf({ planId: '', id: '', position: 0, ...saved });
  return {
    rows: resolved.rows,
    values: { ...resolved.form, version, original: JSON.stringify(saved) },
  };
}
