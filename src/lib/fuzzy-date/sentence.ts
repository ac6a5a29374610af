// A due date written inside a sentence: "Revised template to be completed and agreed by
// September 2017.", "Fully implement by end July 2015", or a date followed by words that
// are not a date ("October 2015 Manager, QA Board", where a neighbouring column ran in).
// Only a phrase a deadline word introduces, or one that opens the cell, is read, and only
// with its year written: a date elsewhere in prose ("the review in March 2016 found...") is
// not a due date, and "supported by May Smith" is not May.
import { isWord } from './expressions.js';
import { type Sequence, type SequencePart, parseSequence, quote } from './sequence.js';
import type { Token } from './tokens.js';

type Read = Extract<Sequence, { ok: true }>;

/** Words that say a deadline follows: "by", "before", "no later than", "end of". */
const DEADLINE = new Set(['by', 'before', 'until', 'till', 'than', 'end', 'deadline', 'due']);
// A date phrase is short: "by the end of 31st March 2016" is ten tokens.
const MAX_PHRASE = 10;

interface Phrase {
  read: Read;
  from: number;
  to: number;
}

/** The longest date phrase starting at token k (at most MAX_PHRASE tokens), or null. */
function phraseAt(t: Token[], k: number, src: string): Phrase | null {
  for (let to = Math.min(t.length, k + MAX_PHRASE); to > k; to--) {
    // No plan period: a phrase without its year is not borrowed one.
    const read = parseSequence(t.slice(k, to), src);
    if (read.ok) return { read, from: k, to };
  }
  return null;
}

const wordsIn = (t: Token[]) => t.some((x) => x.kind === 'word' || x.kind === 'num');

/**
 * The date phrases of a sentence, read as one sequence (several phrases become milestones),
 * with a note for the person when the sentence goes on after its date; null when it has none.
 */
export function dateInSentence(
  t: Token[],
  src: string,
): { read: Read; note: string | null } | null {
  const phrases: Phrase[] = [];
  const opening = phraseAt(t, 0, src);
  // Opening the cell, a lone year ("2015 review of...") is too weak to call a due date.
  if (opening && opening.read.parts.some((p) => p.kind !== 'year')) phrases.push(opening);
  for (let k = opening && phrases.length ? opening.to : 0; k < t.length; k++) {
    if (!isWord(t, k, DEADLINE) || isWord(t, k - 1, DEADLINE)) continue;
    const found = phraseAt(t, k, src);
    if (!found) continue;
    phrases.push(found);
    k = found.to - 1;
  }
  const last = phrases[phrases.length - 1];
  if (!last) return null;
  const parts: SequencePart[] = phrases.flatMap((p) => p.read.parts);
  const warnings = phrases.flatMap((p) => p.read.warnings);
  const first = t[last.from];
  const end = t[last.to - 1];
  const after = t[last.to];
  const note =
    first && end && after && wordsIn(t.slice(last.to))
      ? `Read the due date from "${quote(src.slice(first.from, end.to))}"; the words after it ("${quote(src.slice(after.from))}") are not a date.`
      : null;
  return {
    read: { ok: true, parts, range: phrases.length === 1 && last.read.range, warnings },
    note,
  };
}
