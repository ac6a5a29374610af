// Calendar arithmetic on ISO yyyy-mm-dd strings. Plain integers rather than Date objects,
// so time zones and daylight saving can never shift a day.

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A closed window of days, both ends ISO dates. */
export interface Window {
  start: string;
  end: string;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in month m (1-12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True when the day exists (month 1-12, day within the month). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Formats a day as ISO; months beyond 12 (or below 1) roll into the neighbouring years. */
export function iso(y: number, m: number, d: number): string {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses a real ISO day, or null. */
export function parseIso(s: string): Ymd | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidYmd(ymd.y, ymd.m, ymd.d) ? ymd : null;
}

/** First day of month m of year y to the last day of month m2 (months past 12 roll into y+1). */
export function monthSpan(y: number, m: number, m2 = m): Window {
  const endYear = y + Math.floor((m2 - 1) / 12);
  const endMonth = ((m2 - 1) % 12) + 1;
  return { start: iso(y, m, 1), end: iso(endYear, endMonth, daysInMonth(endYear, endMonth)) };
}

/** The ISO day n months after (or before, when negative) s, clamped to the month's end. */
export function addMonths(s: string, n: number): string | null {
  const p = parseIso(s);
  if (!p) return null;
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return iso(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/** The ISO day n days after s (n small and non-negative). */
export function addDays(s: string, n: number): string | null {
  const p = parseIso(s);
  if (!p) return null;
  let { y, m, d } = p;
  d += n;
  while (d > daysInMonth(y, m)) {
    d -= daysInMonth(y, m);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return iso(y, m, d);
}

/** "31 December 2017" for "2017-12-31"; the input unchanged when it is not an ISO day. */
export function longDate(s: string): string {
  const p = parseIso(s);
  if (!p) return s;
  return `${p.d} ${MONTH_NAMES[p.m - 1] ?? ''} ${p.y}`;
}
