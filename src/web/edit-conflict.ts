/** One field that someone else changed after this person opened the form. */
export interface ConflictRow {
  label: string;
  /** What the field said when this person opened the form. */
  before: string;
  /** What the other person saved. */
  saved: string;
  /** What this person entered, when they changed the field too. */
  yours: string | null;
}

type Field = [label: string, field: string, write?: (value: string) => string];

/**
 * Someone saved the thing after this person opened its form. From the form as it was opened
 * (`original`), what is saved now and what this person sent: the fields the other person
 * changed, and the form to show again — what is saved now with this person's own changes
 * laid over it, so saving it again re-applies their change without undoing the other one.
 */
export function resolveConflict(
  fields: Field[],
  original: Record<string, string>,
  saved: Record<string, string>,
  yours: Record<string, string>,
): { rows: ConflictRow[]; form: Record<string, string> } {
  const same = (a = '', b = '') => a.trim() === b.trim();
  const form = { ...saved };
  const rows: ConflictRow[] = [];
  for (const [label, field, write = (v: string) => v] of fields) {
    const mine = !same(yours[field], original[field]);
    if (mine) form[field] = yours[field] ?? '';
    if (same(saved[field], original[field])) continue;
    const words = (v = '') => (v.trim() ? write(v) : 'Nothing');
    rows.push({
      label,
      before: words(original[field]),
      saved: words(saved[field]),
      yours: mine && !same(yours[field], saved[field]) ? words(yours[field]) : null,
    });
  }
  return { rows, form };
}

/** The form as it was opened, sent back in a hidden field; anything unreadable is empty. */
export function originalValues(sent: unknown): Record<string, string> {
  if (typeof sent !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(sent);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}
