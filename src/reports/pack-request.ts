import { isRealDay } from '../web/as-at.js';
import { type DateParts, dateParts, isoFromParts } from '../lib/date-parts.js';
import type { FormIssue } from '../web/forms.js';

// What a pack is asked for in the address: the day (a GOV.UK date input, asAt-day/-month/-year,
// or asAt=YYYY-MM-DD in links and downloads) and the board's name.

export const PACK_MESSAGES = {
  asAtMissing: 'Enter the date the pack is as at, like 30 4 2018',
  asAtNotReal: 'The date must be a real date, like 30 4 2018',
};

export interface PackQuery {
  /** Whether anything was asked for (a first visit asks for nothing). */
  asked: boolean;
  asAt: string | null;
  parts: DateParts;
  board: string;
  issues: FormIssue[];
}

/** Reads the pack's day and board from a query. */
export function readPackQuery(query: Record<string, string | undefined>): PackQuery {
  const board = (query.board ?? '').trim();
  const typed = {
    day: query['asAt-day'] ?? '',
    month: query['asAt-month'] ?? '',
    year: query['asAt-year'] ?? '',
  };
  const sentIso = query.asAt ?? '';
  const typedAny = Boolean(typed.day.trim() || typed.month.trim() || typed.year.trim());
  // A link from the plan carries only its as-at day: the form starts at that day.
  const asked = typedAny || query.board !== undefined;
  if (!asked) {
    const parts = isRealDay(sentIso) ? dateParts(sentIso) : typed;
    return { asked, asAt: null, parts, board, issues: [] };
  }
  if (!typedAny && sentIso) {
    return isRealDay(sentIso)
      ? { asked, asAt: sentIso, parts: dateParts(sentIso), board, issues: [] }
      : { asked, asAt: null, parts: typed, board, issues: [notReal()] };
  }
  const iso = isoFromParts(typed);
  if (iso === null) {
    return {
      asked,
      asAt: null,
      parts: typed,
      board,
      issues: [{ field: 'asAt', text: PACK_MESSAGES.asAtMissing }],
    };
  }
  if (iso === undefined) return { asked, asAt: null, parts: typed, board, issues: [notReal()] };
  return { asked, asAt: iso, parts: typed, board, issues: [] };
}

const notReal = (): FormIssue => ({ field: 'asAt', text: PACK_MESSAGES.asAtNotReal });

/** The address of a pack (or one of its files) for a day and board. */
export function packHref(planId: string, asAt: string, board: string, file = ''): string {
  const q = new URLSearchParams({ asAt, board }).toString();
  return `/plans/${planId}/pack${file ? `/${file}` : ''}?${q}`;
}
