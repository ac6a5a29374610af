import type { ChangeRow } from '../history/history.repository.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.types.js';

// Slippage, read from the history (every change to an action is recorded with who, when and
// why, so no table of its own): the due date first recorded, and each move after it.

/** One move of an action's due date. */
export interface DueMove {
  from: FuzzyDate | null;
  to: FuzzyDate | null;
  actor: string;
  at: string;
  reason: string | null;
}

export interface Slippage {
  /** The due date first recorded. */
  original: FuzzyDate | null;
  moves: DueMove[];
  /** The moves that made the due date later. */
  slips: number;
  /** Days from the original last day to the current one (0 when either has none). */
  daysLater: number;
}

const dueOf = (state: Record<string, unknown> | null): FuzzyDate | null => {
  const due = state?.due;
  return due && typeof due === 'object' ? (due as FuzzyDate) : null;
};
const sameDue = (a: FuzzyDate | null, b: FuzzyDate | null) =>
  (a?.text.trim() ?? '') === (b?.text.trim() ?? '') && (a?.end ?? null) === (b?.end ?? null);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Each action's slippage from the plan's action history (oldest first), by action id. */
export function slippageByAction(history: readonly ChangeRow[]): Map<string, Slippage> {
  const found = new Map<string, Slippage>();
  for (const row of history) {
    if (row.entity !== 'action') continue;
    if (row.op === 'create') {
      found.set(row.entityId, { original: dueOf(row.after), moves: [], slips: 0, daysLater: 0 });
      continue;
    }
    const s = found.get(row.entityId);
    if (!s || row.op !== 'update') continue;
    const from = dueOf(row.before);
    const to = dueOf(row.after);
    if (sameDue(from, to)) continue;
    s.moves.push({ from, to, actor: row.actor, at: row.at, reason: row.reason });
    if (from?.end && to?.end && to.end > from.end) s.slips += 1;
    s.daysLater = s.original?.end && to?.end ? daysBetween(s.original.end, to.end) : 0;
  }
  return found;
}

/** "3 months", "2 weeks", "5 days", "1 year and 2 months". */
export function spanWords(days: number): string {
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (days < 14) return n(days, 'day');
  if (days < 28) return n(Math.round(days / 7), 'week');
  const months = Math.round(days / 30.44);
  if (months < 12) return n(months, 'month');
  const years = Math.floor(months / 12);
  return months % 12 ? `${n(years, 'year')} and ${n(months % 12, 'month')}` : n(years, 'year');
}

const dueWords = (due: FuzzyDate | null) =>
  due?.end ? formatDate(due.end) : due?.text.trim() ? `‘${due.text.trim()}’` : 'no due date';

/** "Slipped 2 times, by 3 months in all", or null when it never slipped. */
export function slippedText(s: Slippage | undefined): string | null {
  if (!s || s.slips === 0) return null;
  const times = s.slips === 1 ? 'once' : `${s.slips} times`;
  return s.daysLater > 0
    ? `Slipped ${times}, by ${spanWords(s.daysLater)} in all`
    : `Slipped ${times}`;
}

/** The action page's account: the summary ("..., originally 31 March 2018") and each move. */
export function slippageView(s: Slippage | undefined) {
  if (!s || !s.moves.length) return null;
  const slipped = slippedText(s);
  const moved = s.moves.length === 1 ? 'once' : `${s.moves.length} times`;
  return {
    summary: `${slipped ?? `Due date changed ${moved}`}: originally ${dueWords(s.original)}`,
    moves: s.moves.map((m) => ({
      text: `From ${dueWords(m.from)} to ${dueWords(m.to)}`,
      by: `${m.actor}, ${formatDateTime(m.at)}`,
      reason: m.reason ?? 'No reason recorded',
    })),
  };
}

/** The overview's marks: each slipped action's "Slipped 2 times, by 3 months in all". */
export function slippedMarks(history: readonly ChangeRow[]): Map<string, { text: string }> {
  const marks = new Map<string, { text: string }>();
  for (const [id, s] of slippageByAction(history)) {
    const text = slippedText(s);
    if (text) marks.set(id, { text });
  }
  return marks;
}
