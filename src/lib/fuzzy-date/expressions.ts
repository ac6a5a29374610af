// Recognises one date expression ("29/6/2015", "Dec 17", "Q1 2016/17", "Autumn 2015") at a
// token position. Each matcher either consumes tokens and returns what it read, or returns
// null so the next matcher can try; none of them looks more than a few tokens ahead.
import { MONTH_NAMES, type Window, iso, isValidYmd, monthSpan } from './calendar.js';
import { MONTHS, type Token } from './tokens.js';

export type PartKind = 'date' | 'month' | 'quarter' | 'season' | 'financial-year' | 'year';

export interface Part extends Window {
  kind: PartKind;
}

/** A form with no year ("June" in "June/July 2015"); it borrows one from a neighbour. */
export interface Pending {
  /** Month the window starts in, to decide whether the borrowed year needs to step back. */
  month: number;
  build: (year: number) => Part | string;
}

export type Match =
  | { kind: 'part'; part: Part; next: number; warning?: string }
  | { kind: 'pending'; pending: Pending; next: number }
  | { kind: 'error'; error: string; next: number };

const SEASONS = new Map([
  ['spring', 3],
  ['summer', 6],
  ['autumn', 9],
  ['fall', 9],
  ['winter', 12],
]);
// School terms, which children's services plans often use. Spring and summer terms meet
// around Easter, which moves, so both claim April: an item is never called overdue early.
const TERMS = new Map([
  ['spring', [1, 4]],
  ['summer', [4, 7]],
  ['autumn', [9, 12]],
]);
const QUARTER_WORDS = new Set(['q', 'qtr', 'quarter']);
const ORDINAL_WORDS = new Map([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
]);

export const isWord = (t: Token[], i: number, words: ReadonlySet<string> | string): boolean => {
  const tok = t[i];
  if (tok?.kind !== 'word') return false;
  return typeof words === 'string' ? tok.text === words : words.has(tok.text);
};

export const isSep = (t: Token[], i: number, chars: string): boolean => {
  const tok = t[i];
  return tok?.kind === 'sep' && chars.includes(tok.text);
};

/** A plain number of at most maxLen digits. */
function num(t: Token[], i: number, maxLen: number, allowOrdinal = false): number | null {
  const tok = t[i];
  if (tok?.kind !== 'num' || tok.text.length > maxLen || (tok.ordinal && !allowOrdinal))
    return null;
  return Number(tok.text);
}

// Two-digit years are this century: plans are written about the near future.
function year(t: Token[], i: number): { y: number; next: number } | null {
  const quoted = isSep(t, i, "'");
  const tok = t[quoted ? i + 1 : i];
  if (tok?.kind !== 'num' || tok.ordinal) return null;
  const next = quoted ? i + 2 : i + 1;
  if (tok.text.length === 2) return { y: 2000 + Number(tok.text), next };
  const y = Number(tok.text);
  return !quoted && tok.text.length === 4 && y >= 1900 && y <= 2198 ? { y, next } : null;
}

/** "2015/16", "2015-16", "2015/2016", and "15/16" when short forms are allowed. */
function fyYears(t: Token[], i: number, allowShort: boolean): { y: number; next: number } | null {
  const a = t[i];
  const s = t[i + 1];
  const b = t[i + 2];
  if (a?.kind !== 'num' || b?.kind !== 'num' || a.ordinal || b.ordinal) return null;
  if (!isSep(t, i + 1, '/-') || s?.spaced || b.spaced) return null;
  if (a.text.length === 2 && !(allowShort && s?.text === '/')) return null;
  const ya = a.text.length === 4 ? Number(a.text) : a.text.length === 2 ? 2000 + Number(a.text) : 0;
  if (ya < 1900 || ya > 2198) return null;
  const consecutive =
    b.text.length === 4
      ? Number(b.text) === ya + 1
      : b.text.length === 2 && Number(b.text) === (ya + 1) % 100;
  return consecutive ? { y: ya, next: i + 3 } : null;
}

/** A financial or academic year (with optional "FY" / "financial year"), else a calendar year. */
function yearSpec(t: Token[], i: number): { y: number; fy: boolean; next: number } | null {
  let j = i;
  if (isWord(t, j, 'fy')) j += 1;
  else if (isWord(t, j, 'financial') && isWord(t, j + 1, new Set(['year', 'yr']))) j += 2;
  const fy = fyYears(t, j, true);
  if (fy) return { y: fy.y, fy: true, next: fy.next };
  const y = j === i ? year(t, i) : null;
  return y ? { y: y.y, fy: false, next: y.next } : null;
}

const part = (kind: PartKind, w: Window, next: number, warning?: string): Match =>
  warning
    ? { kind: 'part', part: { kind, ...w }, next, warning }
    : { kind: 'part', part: { kind, ...w }, next };

function dayPart(y: number, m: number, d: number): Part | string {
  if (!isValidYmd(y, m, d)) {
    const month = MONTH_NAMES[m - 1];
    return month ? `There is no ${d} ${month} ${y}.` : `There is no month ${m}.`;
  }
  const day = iso(y, m, d);
  return { kind: 'date', start: day, end: day };
}

const fromBuilt = (built: Part | string, next: number, warning?: string): Match =>
  typeof built === 'string'
    ? { kind: 'error', error: built, next }
    : part(built.kind, built, next, warning);

// "29/6/2015", "29.06.15", "2015-06-29", and month/year "6/2015". Day first (UK order) unless
// the middle number cannot be a month, as in "6/29/2015".
function matchNumeric(t: Token[], i: number): Match | null {
  const a = t[i];
  if (a?.kind !== 'num' || a.ordinal || a.text.length === 3 || !isSep(t, i + 1, '/.-')) return null;
  const sep = t[i + 1]?.text ?? '';
  const b = t[i + 2];
  const c = isSep(t, i + 3, sep) ? t[i + 4] : undefined;
  if (b?.kind !== 'num' || b.ordinal) return null;
  if (c?.kind !== 'num' || c.ordinal) {
    const m = Number(a.text);
    const y = b.text.length === 4 ? year(t, i + 2) : null;
    const isMonth = sep === '/' && a.text.length <= 2 && m >= 1 && m <= 12;
    return isMonth && y ? part('month', monthSpan(y.y, m), y.next) : null;
  }
  const [av, bv, cv] = [Number(a.text), Number(b.text), Number(c.text)];
  if (b.text.length > 2) return null;
  if (a.text.length === 4) return c.text.length <= 2 ? fromBuilt(dayPart(av, bv, cv), i + 5) : null;
  if (c.text.length !== 2 && c.text.length !== 4) return null;
  const y = c.text.length === 2 ? 2000 + cv : cv;
  if (y < 1900 || y > 2198) return null;
  if (bv > 12 && av <= 12) {
    const warning = `Read "${a.text}${sep}${b.text}${sep}${c.text}" as month first, since ${bv} cannot be a month.`;
    return fromBuilt(dayPart(y, av, bv), i + 5, warning);
  }
  return fromBuilt(dayPart(y, bv, av), i + 5);
}

function matchFinancialYear(t: Token[], i: number): Match | null {
  const spec = yearSpec(t, i);
  if (!spec?.fy) return null;
  return part(
    'financial-year',
    { start: iso(spec.y, 4, 1), end: iso(spec.y + 1, 3, 31) },
    spec.next,
  );
}

function quarterNumber(t: Token[], i: number): { n: number; next: number } | null {
  const n = num(t, i + 1, 1);
  if (isWord(t, i, QUARTER_WORDS) && n !== null && n >= 1 && n <= 4) return { n, next: i + 2 };
  const ord = num(t, i, 1, true) ?? ORDINAL_WORDS.get(t[i]?.text ?? '') ?? null;
  if (ord !== null && ord >= 1 && ord <= 4 && isWord(t, i + 1, QUARTER_WORDS))
    return { n: ord, next: i + 2 };
  return null;
}

// Financial-year quarters follow the UK public-sector year: Q1 = April-June, Q2 = July-
// September, Q3 = October-December, Q4 = January-March of the next calendar year. With a
// plain calendar year ("Q1 2016") the quarter is a calendar one (January-March), with a warning.
function matchQuarter(t: Token[], i: number): Match | null {
  let q = quarterNumber(t, i);
  let spec: ReturnType<typeof yearSpec>;
  if (q) {
    const j = isSep(t, q.next, ',-') || isWord(t, q.next, 'of') ? q.next + 1 : q.next;
    spec = yearSpec(t, j);
  } else {
    spec = yearSpec(t, i);
    if (spec) q = quarterNumber(t, isSep(t, spec.next, '-') ? spec.next + 1 : spec.next);
  }
  if (!q || !spec) return null;
  const next = Math.max(q.next, spec.next);
  const first = (spec.fy ? 4 : 1) + 3 * (q.n - 1);
  if (spec.fy) return part('quarter', monthSpan(spec.y, first, first + 2), next);
  const warning =
    `Read "Q${q.n} ${spec.y}" as ${MONTH_NAMES[first - 1] ?? ''} to ${MONTH_NAMES[first + 1] ?? ''} ${spec.y} ` +
    `(a calendar quarter); write "Q${q.n} ${spec.y}/${String((spec.y + 1) % 100).padStart(2, '0')}" for a financial-year quarter.`;
  return part('quarter', monthSpan(spec.y, first, first + 2), next, warning);
}

function matchSeason(t: Token[], i: number): Match | null {
  const name = t[i]?.text ?? '';
  const month = t[i]?.kind === 'word' ? SEASONS.get(name) : undefined;
  if (month === undefined) return null;
  let j = i + 1;
  const term = isWord(t, j, 'term') ? TERMS.get(name) : undefined;
  if (isWord(t, j, 'term')) j += 1;
  if (isWord(t, j, 'of') || isSep(t, j, ',-')) j += 1;
  const build = (y: number): Part => ({
    kind: 'season',
    ...(term ? monthSpan(y, term[0] ?? 1, term[1] ?? 1) : monthSpan(y, month, month + 2)),
  });
  const spec = yearSpec(t, j);
  // An academic year such as "2015/16" starts in the autumn, so spring and summer are in its second calendar year.
  if (spec) return fromBuilt(build(spec.fy && month < 9 ? spec.y + 1 : spec.y), spec.next);
  return {
    kind: 'pending',
    pending: { month: term?.[0] ?? month, build },
    next: i + (term ? 2 : 1),
  };
}

// "29 June 2015", "29th of June 2015", "29-Jun-15"; "29 June" alone waits for a year.
function matchDayMonth(t: Token[], i: number): Match | null {
  const d = num(t, i, 2, true);
  if (d === null || d < 1 || d > 31) return null;
  let j = i + 1;
  if (isWord(t, j, 'of') || isSep(t, j, '-./')) j += 1;
  const m = t[j]?.kind === 'word' ? MONTHS.get(t[j]?.text ?? '') : undefined;
  if (m === undefined) return null;
  j += 1;
  const y = year(t, isSep(t, j, ',-./') ? j + 1 : j);
  if (y) return fromBuilt(dayPart(y.y, m, d), y.next);
  return { kind: 'pending', pending: { month: m, build: (yy) => dayPart(yy, m, d) }, next: j };
}

// "December 2017", "Dec 17", "Jul-16", "June 29, 2015"; "June" alone waits for a year.
// A two-digit number after a month is a year ("June 18" is June 2018), as councils write it.
function matchMonthFirst(t: Token[], i: number): Match | null {
  const m = t[i]?.kind === 'word' ? MONTHS.get(t[i]?.text ?? '') : undefined;
  if (m === undefined) return null;
  const d = num(t, i + 1, 2, true);
  if (d !== null) {
    const k = isSep(t, i + 2, ',') ? i + 3 : i + 2;
    const y4 = t[k]?.text.length === 4 ? year(t, k) : null;
    if (y4) return fromBuilt(dayPart(y4.y, m, d), y4.next);
    if (t[i + 1]?.ordinal || t[i + 1]?.text.length === 1) {
      return {
        kind: 'pending',
        pending: { month: m, build: (yy) => dayPart(yy, m, d) },
        next: i + 2,
      };
    }
  }
  const j = isSep(t, i + 1, '-,./') || isWord(t, i + 1, 'of') ? i + 2 : i + 1;
  const y = year(t, j);
  if (y) return part('month', monthSpan(y.y, m), y.next);
  return {
    kind: 'pending',
    pending: { month: m, build: (yy) => ({ kind: 'month', ...monthSpan(yy, m) }) },
    next: i + 1,
  };
}

function matchYear(t: Token[], i: number): Match | null {
  const y = t[i]?.text.length === 4 ? year(t, i) : null;
  return y ? part('year', { start: iso(y.y, 1, 1), end: iso(y.y, 12, 31) }, y.next) : null;
}

const MATCHERS = [
  matchNumeric,
  matchQuarter,
  matchFinancialYear,
  matchSeason,
  matchDayMonth,
  matchMonthFirst,
  matchYear,
];

/** The first date expression that starts at token i, or null when none does. */
export function matchExpression(t: Token[], i: number): Match | null {
  for (const matcher of MATCHERS) {
    const m = matcher(t, i);
    if (m) return m;
  }
  return null;
}
