import { type DateParts, dateParts, isoFromParts } from '../lib/date-parts.js';
import type { FormIssue } from '../web/forms.js';

// The filters of the audit trail and the access log, read from the query string: a date
// range typed in GOV.UK date inputs (day, month, year), and the page wanted. What cannot be
// read is ignored, except a date, which gets a message saying what is wrong with it.

/** How many rows one page of the audit trail or the access log shows. */
export const PER_PAGE = 50;

/** The text of a query parameter, trimmed and cut to `max`; undefined when blank. */
export function queryText(query: Record<string, unknown>, key: string, max = 320) {
  const value = query[key];
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

/** The page asked for (1 when none or nonsense). */
export function pageNumber(query: Record<string, unknown>): number {
  const n = Number(queryText(query, 'page', 6) ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

export interface DateRange {
  /** The parts as typed, for the date inputs to show again. */
  fromParts: DateParts;
  toParts: DateParts;
  /** ISO dates, when given and real. */
  from?: string;
  to?: string;
  issues: FormIssue[];
}

const NAMES = { from: 'The from date', to: 'The to date' } as const;

function readDate(
  query: Record<string, unknown>,
  key: 'from' | 'to',
): { parts: DateParts; value?: string; issue?: FormIssue } {
  // A link may carry the ISO date itself (from=2026-06-16); the form sends the three parts.
  const iso = queryText(query, key, 10);
  const parts =
    iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)
      ? dateParts(iso)
      : {
          day: queryText(query, `${key}-day`, 4) ?? '',
          month: queryText(query, `${key}-month`, 4) ?? '',
          year: queryText(query, `${key}-year`, 6) ?? '',
        };
  const value = isoFromParts(parts);
  if (value === null) return { parts };
  if (value !== undefined) return { parts, value };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p].trim());
  const text = missing.length
    ? `${NAMES[key]} must include a ${missing.join(' and a ')}`
    : `${NAMES[key]} must be a real date, for example 16 6 2026`;
  return { parts, issue: { field: key, text } };
}

/** The date range of a filter: each date real, the second not before the first. */
export function dateRange(query: Record<string, unknown>): DateRange {
  const from = readDate(query, 'from');
  const to = readDate(query, 'to');
  const issues = [from.issue, to.issue].filter((i): i is FormIssue => i !== undefined);
  if (from.value && to.value && to.value < from.value) {
    issues.push({ field: 'to', text: 'The to date must be the same as or after the from date' });
  }
  const ok = issues.length === 0;
  return {
    fromParts: from.parts,
    toParts: to.parts,
    from: ok ? from.value : undefined,
    to: ok ? to.value : undefined,
    issues,
  };
}

/** The ISO moments a date range covers: from the start of `from` until the end of `to` (UTC). */
export function rangeMoments(range: { from?: string; to?: string }) {
  const nextDay = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
  return {
    from: range.from ? `${range.from}T00:00:00Z` : undefined,
    until: range.to ? `${nextDay(range.to)}T00:00:00Z` : undefined,
  };
}

/** A query string of the given values (blank ones left out), with a leading "?" when any. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(values)
      .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return query ? `?${query}` : '';
}
