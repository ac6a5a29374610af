import { formatDate } from '../lib/format.js';

// "As at": a plan seen as it stood at the end of a chosen day, rebuilt from its history.
// The day is kept in the address (?asAt=YYYY-MM-DD) and every link within the plan keeps it;
// ?asAt=today shows today even for a plan that opens at another day (a demonstration plan).

export interface AsAt {
  /** The day looked at, or null for today (the live plan). */
  day: string | null;
  /** The instant the plan is rebuilt at: the end of that day (UTC). */
  at: string | null;
  /** What links within the plan add to keep the day ('' for today). */
  param: string;
  /** The banner's words, or null for today. */
  banner: { text: string; todayHref: string } | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isRealDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * The day a plan page is seen at: the address's asAt (a real day before today), else the
 * plan's own opening day, else today. A day that is not real, or is today or later, is today.
 */
export function asAtOf(
  query: unknown,
  today: string,
  planPath: string,
  openAsAt: string | null = null,
): AsAt {
  const sent = (query as Record<string, unknown> | undefined)?.asAt;
  const wanted =
    sent === 'today' ? null : typeof sent === 'string' && isRealDay(sent) ? sent : openAsAt;
  const day = wanted && wanted < today ? wanted : null;
  if (!day) {
    // A plan that opens in its own time needs ?asAt=today for its links to stay on today.
    return { day: null, at: null, param: openAsAt ? 'asAt=today' : '', banner: null };
  }
  return {
    day,
    at: `${day}T23:59:59.999Z`,
    param: `asAt=${day}`,
    banner: {
      text: `You are looking at this plan as it stood on ${formatDate(day)}`,
      todayHref: `${planPath}?asAt=today`,
    },
  };
}

/** `href` keeping the as-at day (before any #fragment). */
export function keepAsAt(href: string, asAt: Pick<AsAt, 'param'>): string {
  if (!asAt.param) return href;
  const [path = '', hash] = href.split('#');
  const joined = `${path}${path.includes('?') ? '&' : '?'}${asAt.param}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}
