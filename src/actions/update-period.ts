import type { FuzzyDate, Frequency } from '../lib/fuzzy-date/fuzzy-date.types.js';
import { updatesOfAction } from '../updates/updates-of-action.js';

// Recurring and ongoing actions ("Quarterly", "Monthly audits", "Ongoing") are never overdue
// as a whole: they expect an update every period instead, and say so when this period's is missing.

export interface UpdatePeriod {
  /** ISO first and last day of the period that holds `today`. */
  start: string;
  end: string;
  /** "No update this quarter" */
  missing: string;
}

const iso = (y: number, m: number, d: number) =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

const WORDS: Record<Frequency, string> = {
  weekly: 'No update this week',
  monthly: 'No update this month',
  quarterly: 'No update this quarter',
  'six-monthly': 'No update this half-year',
  annually: 'No update this financial year',
};

/** The period of `frequency` that holds `today`: calendar weeks, months and quarters; half and whole financial years (from April). */
export function periodOf(frequency: Frequency, today: string): UpdatePeriod {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const missing = WORDS[frequency];
  switch (frequency) {
    case 'weekly': {
      const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
      return { start: iso(y, m, d - weekday), end: iso(y, m, d - weekday + 6), missing };
    }
    case 'monthly':
      return { start: iso(y, m, 1), end: iso(y, m + 1, 0), missing };
    case 'quarterly': {
      const first = m - ((m - 1) % 3);
      return { start: iso(y, first, 1), end: iso(y, first + 3, 0), missing };
    }
    case 'six-monthly': {
      const first = m >= 4 && m <= 9 ? 4 : 10;
      const year = m < 4 ? y - 1 : y;
      return { start: iso(year, first, 1), end: iso(year, first + 6, 0), missing };
    }
    case 'annually': {
      const year = m < 4 ? y - 1 : y;
      return { start: iso(year, 4, 1), end: iso(year + 1, 3, 31), missing };
    }
  }
}

/**
 * The period a recurring or ongoing action expects an update for on `today` (an ongoing one
 * with no frequency: monthly, like the plan's monitoring), or null for any other due date and
 * before it starts.
 */
export function expectedPeriod(due: FuzzyDate | null, today: string): UpdatePeriod | null {
  if (!due || (due.kind !== 'recurring' && due.kind !== 'ongoing')) return null;
  if (due.start && due.start > today) return null;
  return periodOf(due.recurrence?.frequency ?? 'monthly', today);
}

/** The parts of a plan document this reads. */
interface PeriodDoc {
  ragScheme: { statuses: ReadonlyArray<{ code: string; category: string }> };
  actions: ReadonlyArray<{ id: string; due: FuzzyDate | string | null; status: string | null }>;
  updates: ReadonlyArray<{ actionId: string; date: string }>;
}

/** Each recurring or ongoing action (not complete) without an update in its current period: the words. */
export function missingPeriodUpdates(doc: PeriodDoc, today: string): Map<string, string> {
  const complete = new Set(
    doc.ragScheme.statuses.filter((s) => s.category === 'complete').map((s) => s.code),
  );
  const missing = new Map<string, string>();
  for (const a of doc.actions) {
    const period = expectedPeriod(typeof a.due === 'object' ? a.due : null, today);
    if (!period || complete.has(a.status ?? '')) continue;
    const given = updatesOfAction(doc.updates, a.id).some(
      (u) => u.date >= period.start && u.date <= today,
    );
    if (!given) missing.set(a.id, period.missing);
  }
  return missing;
}
