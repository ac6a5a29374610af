// Due dates as councils write them ("By December 2017", "Ongoing (but ...)", "tba"): the
// words are kept exactly, next to a normalised window that makes "overdue" well defined.
import { MONTH_NAMES, addMonths, longDate, parseIso } from './calendar.js';
import { type Keyword, analyseNote, classify } from './keywords.js';
import { dateInSentence } from './sentence.js';
import { type Sequence, parseSequence, quote } from './sequence.js';
import { type Token, tokenise } from './tokens.js';
import type { DueKind, FuzzyDate, PlanPeriod } from './fuzzy-date.types.js';

// The shapes live in fuzzy-date.types.ts, so keywords.ts and the schema need not import this
// module; the rest of the code finds them here.
export type { DueKind, Frequency, FuzzyDate, PlanPeriod, Recurrence } from './fuzzy-date.types.js';

// Longer than any real due-date cell: prose this long is a note, and reading dates out of it
// would guess.
const MAX_LENGTH = 500;
const NEVER_OVERDUE = new Set<DueKind>(['ongoing', 'recurring', 'tbc', 'unknown', 'immediate']);

const blank = (text: string): FuzzyDate => ({
  text,
  kind: 'unknown',
  start: null,
  end: null,
  onwards: false,
  reviewBy: null,
  recurrence: null,
  milestones: [],
  warnings: [],
});

/** Reads a due-date cell; never throws. An empty cell is 'unknown' with no warnings. */
export function parseFuzzyDate(text: string, period?: PlanPeriod): FuzzyDate {
  const written = typeof text === 'string' ? text : '';
  try {
    return read(written, period);
  } catch {
    // A slip in the reader must not stop a whole plan importing: the cell stays unread.
    return { ...blank(written), warnings: [`Could not read "${quote(written)}" as a due date.`] };
  }
}

function read(written: string, period?: PlanPeriod): FuzzyDate {
  const due = blank(written);
  const trimmed = written.trim();
  if (!trimmed) return due;
  if (trimmed.length > MAX_LENGTH) {
    due.warnings.push(`The due date cell is too long to read as a date ("${quote(trimmed)}").`);
    return due;
  }
  const src = trimmed.normalize('NFKC');
  const tokens = tokenise(src);
  const plan = validPeriod(period);
  const keyword = classify(tokens);
  if (keyword) applyKeyword(due, keyword, tokens);
  else {
    const seq = parseSequence(tokens, src, plan?.start);
    // Not a date as a whole, but perhaps a sentence with a deadline in it ("... by May 2016").
    const inSentence = !seq.ok && !seq.error ? dateInSentence(tokens, src) : null;
    if (inSentence) {
      applySequence(due, inSentence.read, trimmed);
      if (inSentence.note) due.warnings.unshift(inSentence.note);
    } else applySequence(due, seq, trimmed);
  }
  if (plan) checkPeriod(due, plan);
  return due;
}

function applyKeyword(due: FuzzyDate, keyword: Keyword, tokens: Token[]): void {
  switch (keyword.kind) {
    case 'tbc':
    case 'immediate':
      due.kind = keyword.kind;
      return;
    case 'status':
      due.warnings.push(`"${quote(due.text)}" is a progress status, not a due date.`);
      return;
    case 'ongoing': {
      const facts = analyseNote(tokens, keyword.noteFrom);
      due.kind = 'ongoing';
      if (facts.frequency) due.recurrence = { frequency: facts.frequency, months: facts.months };
      due.start = facts.dates.find((d) => d.from)?.part.start ?? null;
      due.reviewBy = facts.dates.find((d) => !d.from)?.part.end ?? null;
      if (facts.warning) due.warnings.push(facts.warning);
      return;
    }
    case 'recurring': {
      const facts = analyseNote(tokens, 0, keyword.skip);
      due.kind = 'recurring';
      due.recurrence = { frequency: keyword.frequency, months: facts.months };
      due.start = facts.dates[0]?.part.start ?? null;
      if (keyword.warning) due.warnings.push(keyword.warning);
      return;
    }
  }
}

function applySequence(due: FuzzyDate, seq: Sequence, trimmed: string): void {
  if (!seq.ok) {
    const why = seq.error ? ` ${seq.error}` : '';
    due.warnings.push(
      seq.truncated
        ? `Only "${quote(trimmed)}" was written: the date is missing (truncated?)`
        : `Could not read "${quote(trimmed)}" as a due date.${why}`,
    );
    return;
  }
  const { parts } = seq;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) return;
  due.warnings.push(...seq.warnings);
  due.kind = last.kind;
  due.start = first.start;
  due.end = last.end;
  if (parts.length > 1 && !seq.range) {
    due.milestones = parts.map((p) => p.end);
    const listed = due.milestones.map(longDate).join(', ');
    const order = first.start > last.end ? ', though they are not in time order' : '';
    due.warnings.push(
      `The cell held several dates (${listed})${order}; the last, ${longDate(last.end)}, is used as the due date.`,
    );
    // Keep start <= end even when the dates were written out of order.
    if (first.start > last.end) due.start = last.start;
  }
  if (last.onwards) {
    due.onwards = true;
    due.end = null;
  }
}

function validPeriod(period?: PlanPeriod): PlanPeriod | null {
  if (!period || typeof period !== 'object') return null;
  const { start, end } = period;
  if (typeof start !== 'string' || typeof end !== 'string') return null;
  return parseIso(start) && parseIso(end) && start <= end ? { start, end } : null;
}

// Dates more than six months outside the plan period are usually a mistyped year.
function checkPeriod(due: FuzzyDate, period: PlanPeriod): void {
  const low = addMonths(period.start, -6);
  const high = addMonths(period.end, 6);
  if (!low || !high) return;
  const label = `${longDate(period.start)} to ${longDate(period.end)}`;
  const dates = [...due.milestones, due.end ?? due.start, due.reviewBy];
  const seen = new Set<string>();
  for (const d of dates) {
    if (d === null || seen.has(d)) continue;
    seen.add(d);
    if (d < low || d > high) {
      due.warnings.push(
        `${longDate(d)} is outside the plan period (${label}), even allowing six months either side: check the year.`,
      );
    }
  }
}

/** True only when the item has a definite last day and today (ISO) is after it. */
export function isOverdue(due: FuzzyDate, today: string): boolean {
  if (NEVER_OVERDUE.has(due.kind) || due.end === null) return false;
  if (!parseIso(today) || !parseIso(due.end)) return false;
  return today > due.end;
}

const orList = (items: string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;

/** A short reading for people: "by 31 December 2017", "ongoing, review by ...", "quarterly". */
export function describeFuzzyDate(due: FuzzyDate): string {
  switch (due.kind) {
    case 'tbc':
      return 'to be confirmed';
    case 'immediate':
      return 'immediately';
    case 'unknown':
      return due.text.trim() ? 'date not understood' : 'no date given';
    case 'ongoing': {
      const bits = ['ongoing'];
      if (due.start) bits.push(`since ${longDate(due.start)}`);
      if (due.recurrence) bits.push(`reviewed ${due.recurrence.frequency}`);
      if (due.reviewBy) bits.push(`review by ${longDate(due.reviewBy)}`);
      return bits.join(', ');
    }
    case 'recurring': {
      const r = due.recurrence;
      const months = (r?.months ?? []).map((m) => MONTH_NAMES[m - 1] ?? '').filter(Boolean);
      const usually = months.length ? `, usually in ${orList(months)}` : '';
      const from = due.start ? ` from ${longDate(due.start)}` : '';
      return `${r?.frequency ?? 'recurring'}${usually}${from}`;
    }
    default: {
      if (due.end === null)
        return due.start ? `from ${longDate(due.start)} onwards` : 'no date given';
      const several = due.milestones.length > 1 ? ` (last of ${due.milestones.length} dates)` : '';
      return `by ${longDate(due.end)}${several}`;
    }
  }
}
