import { daysInMonth, iso, MONTH_NAMES } from '../lib/fuzzy-date/calendar.js';
import { formatDate } from '../lib/format.js';

// The period a value is for, kept as the period's last day with its words when it is not a
// calendar month. People write periods many ways: "Apr-15", "2015-04", "April 2015",
// "04/2015", "Q1 2015/16" (financial quarters: Q1 is April to June), "2015/16" (a financial
// year), or a day ("30/04/2015", "2015-04-30").

export interface Period {
  /** The period's last day (ISO). */
  end: string;
  /** The words to show when the period is not a calendar month; else null. */
  label: string | null;
}

const monthNumber = (word: string): number | null => {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTH_NAMES.findIndex(
    (name) => name.toLowerCase().startsWith(w) || w.startsWith(name.slice(0, 3).toLowerCase()),
  );
  return i === -1 ? null : i + 1;
};

const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));
const monthEnd = (y: number, m: number) => iso(y, m, daysInMonth(y, m));

/** The period the words name, or null when they name none this can read. */
export function parsePeriod(words: string): Period | null {
  const text = words.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})$/.exec(text) ?? /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (m?.[1] && m[2]) {
    const [y, mo] = text.includes('-') ? [m[1], m[2]] : [m[2], m[1]];
    const found = month(Number(y), Number(mo));
    if (found) return found;
  }
  m = /^([A-Za-z]+)\.?[ -](\d{2}|\d{4})$/.exec(text);
  if (m?.[1] && m[2]) {
    const mo = monthNumber(m[1]);
    return mo === null ? null : month(fullYear(m[2]), mo);
  }
  m = /^Q([1-4]) ?(\d{4})\/(\d{2}|\d{4})$/i.exec(text);
  if (m?.[1] && m[2] && m[3] && isFollowing(m[2], m[3])) {
    const q = Number(m[1]);
    const start = Number(m[2]);
    const endMonth = ((q * 3 + 2) % 12) + 1; // Q1 ends in June, Q4 in March
    const y = q === 4 ? start + 1 : start;
    return { end: monthEnd(y, endMonth), label: `Q${q} ${m[2]}/${m[3].slice(-2)}` };
  }
  m = /^(\d{4})\/(\d{2}|\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})$/.exec(text);
  if (m?.[1] && m[2] && isFollowing(m[1], m[2])) {
    return { end: iso(Number(m[1]) + 1, 3, 31), label: `${m[1]}/${m[2].slice(-2)}` };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m?.[1] && m[2] && m[3]) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (m?.[1] && m[2] && m[3]) return day(fullYear(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

function isFollowing(first: string, second: string): boolean {
  return (Number(first) + 1) % (second.length === 2 ? 100 : 10_000) === Number(second);
}

function month(y: number, mo: number): Period | null {
  return mo >= 1 && mo <= 12 && y >= 1900 && y <= 2200
    ? { end: monthEnd(y, mo), label: null }
    : null;
}

function day(y: number, mo: number, d: number): Period | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || y < 1900 || y > 2200) return null;
  const end = iso(y, mo, d);
  // The last day of a month stands for the month.
  return { end, label: d === daysInMonth(y, mo) ? null : formatDate(end) };
}

/** The period in words: its label, else the month ("April 2015"). */
export function periodText(end: string | null, label: string | null): string {
  if (label) return label;
  if (!end) return 'Period not stated';
  const [y, mo] = end.split('-').map(Number);
  return `${MONTH_NAMES[(mo ?? 1) - 1] ?? ''} ${y}`;
}

/**
 * The last period a value is expected for on `today`: reports get a month after their
 * period ends. Monthly: the month before last; quarterly: the last quarter (April to June,
 * ...) ended by then; annually: the last financial year (to 31 March) ended by then.
 */
export function lastExpectedPeriod(
  frequency: 'monthly' | 'quarterly' | 'annually' | null,
  today: string,
): string {
  const [y = 2000, m = 1] = today.split('-').map(Number);
  // The end of the month before last.
  let cy = m <= 2 ? y - 1 : y;
  let cm = ((m + 9) % 12) + 1;
  if (frequency === 'quarterly') {
    while (cm % 3 !== 0) {
      cm -= 1;
      if (cm === 0) [cy, cm] = [cy - 1, 12];
    }
  } else if (frequency === 'annually') {
    if (cm < 3) cy -= 1;
    cm = 3;
  }
  return monthEnd(cy, cm);
}
