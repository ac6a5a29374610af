// The worded answers to "when?" that are not dates: "TBC", "With immediate effect",
// "Ongoing (but ...)", "Annually (usually April)".
import { type Part, isWord, matchExpression } from './expressions.js';
import type { Frequency } from './fuzzy-date.types.js';
import { MONTHS, type Token } from './tokens.js';

export type Keyword =
  | { kind: 'tbc' | 'immediate' }
  | { kind: 'ongoing'; noteFrom: number }
  | { kind: 'recurring'; frequency: Frequency; skip: [number, number]; warning?: string }
  | { kind: 'status'; word: string };

export interface NoteFacts {
  frequency: Frequency | null;
  warning?: string;
  /** Month names written without a year: "usually April/May". */
  months: number[];
  /** Dated expressions, and whether "from"/"since" introduced them. */
  dates: { part: Part; from: boolean }[];
}

const TBC_WORDS = new Set(['tba', 'tbc', 'tbd', 'tbconfirmed', 'tbagreed']);
const TO_BE = new Set([
  'confirmed',
  'agreed',
  'arranged',
  'decided',
  'determined',
  'set',
  'scheduled',
  'advised',
  'finalised',
  'finalized',
]);
const NOT_YET = new Set(['agreed', 'set', 'known', 'confirmed', 'decided', 'scheduled']);
const DATE_LABELS = new Set(['date', 'dates', 'timescale', 'timescales', 'deadline', 'completion']);
const IMMEDIATE_CORE = new Set(['immediate', 'immediately', 'asap', 'now']);
const IMMEDIATE_OK = new Set([
  ...IMMEDIATE_CORE,
  'with',
  'effect',
  'action',
  'start',
  'from',
  'and',
  'as',
  'soon',
  'possible',
]);
const ONGOING = new Set([
  'ongoing',
  'current',
  'currently',
  'continuous',
  'continuing',
  'continual',
  'rolling',
]);
const STATUS = new Set(['complete', 'completed', 'done', 'achieved', 'closed', 'finished']);
const FROM_WORDS = new Set(['from', 'since', 'starting', 'commencing', 'beginning']);
const SINGLE_FREQUENCY = new Map<string, Frequency>([
  ['weekly', 'weekly'],
  ['fortnightly', 'weekly'],
  ['monthly', 'monthly'],
  ['quarterly', 'quarterly'],
  ['sixmonthly', 'six-monthly'],
  ['halfyearly', 'six-monthly'],
  ['biannually', 'six-monthly'],
  ['biannual', 'six-monthly'],
  ['annually', 'annually'],
  ['annual', 'annually'],
  ['yearly', 'annually'],
]);
const EVERY_UNIT = new Map<string, Frequency>([
  ['week', 'weekly'],
  ['month', 'monthly'],
  ['quarter', 'quarterly'],
  ['year', 'annually'],
]);

/** A frequency phrase starting at token i: "quarterly", "every month", "twice a year". */
export function frequencyAt(
  t: Token[],
  i: number,
): { frequency: Frequency; next: number; warning?: string } | null {
  const w = t[i]?.kind === 'word' ? (t[i]?.text ?? '') : '';
  const single = SINGLE_FREQUENCY.get(w);
  if (single) {
    // The recorded frequencies have no fortnight; weekly is the nearest that never under-reports.
    const warning =
      w === 'fortnightly'
        ? 'Read "fortnightly" as weekly, the nearest frequency recorded.'
        : undefined;
    return warning
      ? { frequency: single, next: i + 1, warning }
      : { frequency: single, next: i + 1 };
  }
  const unit = EVERY_UNIT.get(t[i + 1]?.text ?? '');
  if ((w === 'every' || w === 'each') && unit && t[i + 1]?.kind === 'word')
    return { frequency: unit, next: i + 2 };
  if (w === 'every' && isWord(t, i + 1, 'six') && isWord(t, i + 2, 'months'))
    return { frequency: 'six-monthly', next: i + 3 };
  if (w === 'twice' && isWord(t, i + 1, new Set(['yearly', 'annually'])))
    return { frequency: 'six-monthly', next: i + 2 };
  if (w === 'twice' && isWord(t, i + 1, 'a') && isWord(t, i + 2, 'year'))
    return { frequency: 'six-monthly', next: i + 3 };
  return null;
}

/** Which worded answer the cell gives, or null when it should be read as dates. */
export function classify(t: Token[]): Keyword | null {
  const words = t.filter((x) => x.kind === 'word').map((x) => x.text);
  let w = 0;
  while (w < words.length - 1 && DATE_LABELS.has(words[w] ?? '')) w += 1;
  const [a = '', b = '', c = ''] = words.slice(w);
  if (
    TBC_WORDS.has(a) ||
    (a === 'to' && b === 'be' && TO_BE.has(c)) ||
    (a === 'not' && b === 'yet' && NOT_YET.has(c))
  ) {
    return { kind: 'tbc' };
  }
  // "Ongoing", "Current", also "Immediate and ongoing"; but "Jan 2015 and ongoing" is a date.
  const ongoingAt = t.findIndex(
    (x, k) =>
      x.kind === 'word' &&
      ONGOING.has(x.text) &&
      t.slice(0, k).every((y) => y.kind === 'sep' || IMMEDIATE_OK.has(y.text)),
  );
  if (ongoingAt >= 0) return { kind: 'ongoing', noteFrom: ongoingAt + 1 };
  const onlyImmediate = t.every(
    (x) => x.kind === 'sep' || (x.kind === 'word' && IMMEDIATE_OK.has(x.text)),
  );
  if (onlyImmediate && words.some((x) => IMMEDIATE_CORE.has(x))) return { kind: 'immediate' };
  // A frequency among the first few words ("Quarterly", "Reviewed monthly", "Jan 2015 quarterly").
  for (let k = 0, seen = 0; k < t.length && seen < 3; k++) {
    if (t[k]?.kind === 'sep') continue;
    seen += 1;
    const f = frequencyAt(t, k);
    if (f)
      return {
        kind: 'recurring',
        frequency: f.frequency,
        skip: [k, f.next],
        ...(f.warning ? { warning: f.warning } : {}),
      };
  }
  if (words.length === 1 && STATUS.has(a)) return { kind: 'status', word: a };
  return null;
}

/** The facts in the words around a keyword: a frequency, bare month names, dates. */
export function analyseNote(t: Token[], from: number, skip: [number, number] = [0, 0]): NoteFacts {
  const facts: NoteFacts = { frequency: null, months: [], dates: [] };
  for (let j = from; j < t.length;) {
    if (j >= skip[0] && j < skip[1]) {
      j = skip[1];
      continue;
    }
    const f = facts.frequency ? null : frequencyAt(t, j);
    if (f) {
      facts.frequency = f.frequency;
      if (f.warning) facts.warning = f.warning;
      j = f.next;
      continue;
    }
    const m = matchExpression(t, j);
    const month = t[j]?.kind === 'word' ? MONTHS.get(t[j]?.text ?? '') : undefined;
    if (m?.kind === 'part') {
      const before = t
        .slice(0, j)
        .reverse()
        .find((x) => x.kind === 'word');
      facts.dates.push({ part: m.part, from: !!before && FROM_WORDS.has(before.text) });
      j = m.next;
    } else if (m?.kind === 'pending' && month !== undefined) {
      if (!facts.months.includes(month)) facts.months.push(month);
      j = m.next;
    } else {
      j += 1;
    }
  }
  facts.months.sort((x, y) => x - y);
  return facts;
}
