// Reads a whole cell as one or more date expressions with the words people put around
// them: "By", "End", "from ... onwards", "w/c", "Jan - Mar 2016", "Jan 2015 Apr 2015".
import { addDays, parseIso } from './calendar.js';
import { type Part, type Pending, isSep, isWord, matchExpression } from './expressions.js';
import type { Token } from './tokens.js';

export interface SequencePart extends Part {
  onwards: boolean;
}

export type Sequence =
  | { ok: true; parts: SequencePart[]; range: boolean; warnings: string[] }
  | { ok: false; truncated: boolean; error?: string };

type Link = 'first' | 'list' | 'range' | 'slash';

interface Entry {
  part: Part | null;
  pending: Pending | null;
  onwards: boolean;
  week: boolean;
  link: Link;
}

// Words that frame a due date without changing it: "By", "End of", "No later than".
// prettier-ignore
const FILLERS = new Set([
  'by', 'before', 'end', 'ending', 'in', 'during', 'within', 'due', 'deadline', 'target',
  'completion', 'complete', 'completed', 'the', 'of', 'at', 'early', 'mid', 'late', 'beginning',
  'start', 'on', 'no', 'not', 'later', 'than', 'around', 'approx', 'approximately', 'circa',
  'until', 'till', 'date', 'for', 'expected', 'estimated', 'revised', 'close',
]);
const ONWARDS_PREFIX = new Set(['from', 'since', 'starting', 'commencing', 'effective']);
const ONWARDS_SUFFIX = new Set([
  'onwards',
  'onward',
  'ongoing',
  'forwards',
  'forward',
  'thereafter',
]);
const RANGE_WORDS = new Set(['to', 'until', 'till', 'through', 'thru']);
const LIST_WORDS = new Set(['and', 'then', 'or', 'also']);
const WEEK_WORDS = new Set(['commencing', 'beginning', 'starting', 'of']);
// A cell ending in one of these ("By", "End of") was cut off before its date.
// prettier-ignore
const EXPECTS_DATE = new Set([
  'by', 'before', 'end', 'ending', 'in', 'during', 'within', 'due', 'deadline', 'target', 'the',
  'of', 'at', 'on', 'than', 'until', 'till', 'for', 'from', 'since', 'starting', 'commencing',
]);

/** The writer's words, whitespace collapsed and shortened, for quoting in warnings. */
export function quote(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function skipNote(t: Token[], i: number, src: string, warnings: string[]): number | null {
  const open = t[i];
  if (!open || !isSep(t, i, '([')) return null;
  let j = i + 1;
  while (j < t.length && !isSep(t, j, ')]')) j += 1;
  const close = t[Math.min(j, t.length - 1)] ?? open;
  warnings.push(`Ignored the note "${quote(src.slice(open.from, close.to))}".`);
  return j + 1;
}

function weekPrefix(t: Token[], i: number): number {
  if (isWord(t, i, 'w') && isSep(t, i + 1, '/') && isWord(t, i + 2, new Set(['c', 'b']))) return 3;
  if (isWord(t, i, new Set(['wc', 'wb']))) return 1;
  if (isWord(t, i, 'week') && isWord(t, i + 1, WEEK_WORDS)) return 2;
  return 0;
}

function readPrefixes(t: Token[], start: number, src: string, warnings: string[]) {
  const out = { i: start, onwards: false, week: false, saw: false, cutOff: false };
  while (out.i < t.length) {
    const afterNote = skipNote(t, out.i, src, warnings);
    const week = weekPrefix(t, out.i);
    if (afterNote !== null) out.i = afterNote;
    else if (isSep(t, out.i, '-:•*·')) out.i += 1;
    else if (week > 0) [out.i, out.week, out.saw] = [out.i + week, true, true];
    else if (isWord(t, out.i, ONWARDS_PREFIX))
      [out.i, out.onwards, out.saw] = [out.i + 1, true, true];
    else if (isWord(t, out.i, FILLERS)) [out.i, out.saw] = [out.i + 1, true];
    else break;
    out.cutOff = week > 0 || isWord(t, out.i - 1, EXPECTS_DATE);
  }
  return out;
}

function readConnectors(t: Token[], start: number, src: string, warnings: string[], last: Entry) {
  let i = start;
  let link: Link | null = null;
  while (i < t.length) {
    const afterNote = skipNote(t, i, src, warnings);
    if (afterNote !== null) {
      i = afterNote;
      continue;
    }
    if (isWord(t, i, ONWARDS_SUFFIX)) last.onwards = true;
    else if (isWord(t, i, RANGE_WORDS) || isSep(t, i, '-')) link = 'range';
    else if (isSep(t, i, '/')) link = link === 'range' ? 'range' : 'slash';
    else if (isWord(t, i, LIST_WORDS) || isSep(t, i, ',;&+.:|')) link ??= 'list';
    else break;
    i += 1;
  }
  return { i, link: link ?? 'list' };
}

/** Reads every date expression in the cell, or says why it could not. */
export function parseSequence(t: Token[], src: string, periodStart?: string): Sequence {
  const warnings: string[] = [];
  const entries: Entry[] = [];
  let i = 0;
  let link: Link = 'first';
  while (i < t.length) {
    const pre = readPrefixes(t, i, src, warnings);
    i = pre.i;
    if (i >= t.length) {
      if (entries.length === 0 || pre.saw)
        return { ok: false, truncated: entries.length === 0 && pre.cutOff };
      break;
    }
    const m = matchExpression(t, i);
    if (!m) return { ok: false, truncated: false };
    if (m.kind === 'error') return { ok: false, truncated: false, error: m.error };
    if (m.kind === 'part' && m.warning) warnings.push(m.warning);
    const entry: Entry = {
      part: m.kind === 'part' ? m.part : null,
      pending: m.kind === 'pending' ? m.pending : null,
      onwards: pre.onwards,
      week: pre.week,
      link,
    };
    entries.push(entry);
    const c = readConnectors(t, m.next, src, warnings, entry);
    [i, link] = [c.i, c.link];
  }
  if (entries.length === 0) return { ok: false, truncated: false };
  const borrowed = resolveYears(entries, src, warnings, periodStart);
  if (typeof borrowed === 'string') return { ok: false, truncated: false, error: borrowed };
  const parts = entries.map((e): SequencePart => {
    const p = e.part ?? { kind: 'date', start: '', end: '' };
    const end = e.week && p.kind === 'date' ? (addDays(p.start, 6) ?? p.end) : p.end;
    return { ...p, end, onwards: e.onwards };
  });
  const [first, second] = parts;
  const joined = entries[1]?.link === 'range' || (entries[1]?.link === 'slash' && borrowed[0]);
  const range = parts.length === 2 && !!joined && !!first && !!second && first.start <= second.end;
  return { ok: true, parts, range, warnings };
}

// A month with no year ("Jan" in "Jan - Mar 2016") takes the year of the nearest dated
// neighbour, stepping back a year when it would otherwise fall after that neighbour
// ("Dec - Feb 2016" starts in December 2015). Returns which entries borrowed, or an error.
function resolveYears(
  entries: Entry[],
  src: string,
  warnings: string[],
  periodStart?: string,
): boolean[] | string {
  const borrowed = entries.map(() => false);
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k];
    if (!e?.pending) continue;
    const right = entries[k + 1]?.part;
    const left = entries
      .slice(0, k)
      .reverse()
      .find((x) => x.part)?.part;
    const r = right ? parseIso(right.start) : null;
    const l = left ? parseIso(left.start) : null;
    let y = r
      ? e.pending.month > r.m
        ? r.y - 1
        : r.y
      : l
        ? e.pending.month < l.m
          ? l.y + 1
          : l.y
        : null;
    const ps = periodStart ? parseIso(periodStart) : null;
    if (y === null && ps && periodStart) {
      const guess = e.pending.build(ps.y);
      y = typeof guess !== 'string' && guess.end < periodStart ? ps.y + 1 : ps.y;
      warnings.push(
        `No year was given in "${quote(src)}"; assumed ${y}, the first in the plan period.`,
      );
    }
    if (y === null) return 'No year was given.';
    const built = e.pending.build(y);
    if (typeof built === 'string') return built;
    e.part = built;
    borrowed[k] = true;
  }
  return borrowed;
}
