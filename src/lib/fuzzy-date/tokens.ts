// Splits a due-date cell into words, numbers and single punctuation marks. A hand-written
// scanner rather than regexes, so any input (huge, odd unicode) costs linear time.

export interface Token {
  kind: 'word' | 'num' | 'sep';
  /** Lower-cased text; for 'sep' one character. */
  text: string;
  /** Whitespace came before this token. */
  spaced: boolean;
  /** A number written with an ordinal suffix ("29th"). */
  ordinal: boolean;
  /** Offsets into the NFKC-normalised cell, to quote the writer's own words back. */
  from: number;
  to: number;
}

// prettier-ignore
export const MONTHS = new Map<string, number>([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3],
  ['apr', 4], ['april', 4], ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7],
  ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9], ['september', 9], ['oct', 10],
  ['october', 10], ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);

// Words worth rebuilding when PDF extraction splits them ("Septembe r", "on going").
// prettier-ignore
const VOCABULARY = new Set<string>([
  ...MONTHS.keys(),
  'spring', 'summer', 'autumn', 'winter', 'quarter', 'financial', 'immediate', 'immediately',
  'effect', 'ongoing', 'current', 'onwards', 'confirmed', 'weekly', 'fortnightly', 'monthly',
  'quarterly', 'sixmonthly', 'halfyearly', 'biannually', 'annually', 'yearly', 'commencing',
  'beginning', 'usually', 'reviewed',
]);

const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);
const QUOTES = new Set(['\u2018', '\u2019', '\u02bc', '`']);
const LETTER = /^\p{L}$/u;
const SPACE = /^\s$/u;

/** The cell as tokens, with split words rejoined and ordinal suffixes folded into numbers. */
export function tokenise(normalised: string): Token[] {
  const raw: Token[] = [];
  let spaced = false;
  let pos = 0;
  for (const ch of normalised) {
    const at = pos;
    pos += ch.length;
    if (SPACE.test(ch)) {
      spaced = true;
      continue;
    }
    const kind = ch >= '0' && ch <= '9' ? 'num' : LETTER.test(ch) ? 'word' : 'sep';
    const last = raw[raw.length - 1];
    if (kind !== 'sep' && !spaced && last && last.kind === kind) {
      last.text += ch.toLowerCase();
      last.to = pos;
      continue;
    }
    const text = DASHES.has(ch) ? '-' : QUOTES.has(ch) ? "'" : ch.toLowerCase();
    raw.push({ kind, text, spaced, ordinal: false, from: at, to: pos });
    spaced = false;
  }
  return rejoin(foldOrdinals(raw));
}

function foldOrdinals(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t.kind === 'word' && !t.spaced && prev?.kind === 'num' && ORDINAL_SUFFIXES.has(t.text)) {
      prev.ordinal = true;
      prev.to = t.to;
      continue;
    }
    out.push(t);
  }
  return out;
}

// Joins two or three adjacent words (or a hyphenated pair) when together they make a known
// word that at least one piece is not: "septembe r" -> "september", but "end june" stays.
function rejoin(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const merged = t.kind === 'word' ? tryJoin(tokens, i) : null;
    if (merged) {
      out.push(merged.token);
      i = merged.last;
    } else {
      out.push(t);
    }
  }
  return out;
}

function tryJoin(tokens: Token[], i: number): { token: Token; last: number } | null {
  const first = tokens[i];
  if (!first) return null;
  const hyphen = tokens[i + 1];
  const after = tokens[i + 2];
  if (hyphen?.text === '-' && after?.kind === 'word' && VOCABULARY.has(first.text + after.text)) {
    return { token: { ...first, text: first.text + after.text, to: after.to }, last: i + 2 };
  }
  for (const count of [3, 2]) {
    const parts = tokens.slice(i, i + count);
    if (parts.length !== count || parts.some((p) => p.kind !== 'word')) continue;
    const text = parts.map((p) => p.text).join('');
    if (VOCABULARY.has(text) && parts.some((p) => !VOCABULARY.has(p.text))) {
      const end = parts[count - 1] ?? first;
      return { token: { ...first, text, to: end.to }, last: i + count - 1 };
    }
  }
  return null;
}
