// Which way is better for a measure, from the words that state it. The first cue in the
// words decides: "Reduce the number of children on plans for over two years" is about
// reducing, "Over 60% of cases good" about being over. "Or less" after words that are not
// the target figure qualifies what is counted ("reviewed on a six monthly basis or less":
// the interval), not which way the measure should move.

const HIGHER =
  /\b(increas\w*|improv\w*|at least|over|more than|above|rais\w*|higher|or more|exceed\w*|grow\w*)\b/i;
const LOWER =
  /\b(reduc\w*|decreas\w*|no more than|at most|fewer|less than|below|lower|lose touch|absence|exclusions?|or less|or fewer)\b/i;
const NUMBER_BEFORE = /\d(?:\.\d+)?\s*%?\s*$/;

/** Whether higher or lower is better, from the words of the measure or its target. */
export function directionOf(text: string): 'higher' | 'lower' {
  // "or less" / "or fewer" counts only straight after a figure ("10% or less").
  const words = text.replace(/\bor (less|fewer)\b/gi, (match, _w, offset: number) =>
    NUMBER_BEFORE.test(text.slice(0, offset)) ? match : ' ',
  );
  const higher = HIGHER.exec(words);
  const lower = LOWER.exec(words);
  if (lower && (!higher || lower.index < higher.index)) return 'lower';
  return 'higher';
}
