// Which way is better for a measure, from the words that state it. The first cue in the
// words decides: "Reduce the number of children on plans for over two years" is about
// reducing, "Over 60% of cases good" about being over. "Or less" after words that are not
// the target figure qualifies what is counted ("reviewed on a six monthly basis or less":
// the interval), not which way the measure should move.

const HIGHER =
  /\b(increas\w*|improv\w*|at least|over|more than|above|rais\w*|higher|or more|exceed\w*|grow\w*)\b/i;
const LOWER =
  /\b(reduc\w*|decreas\w*|no more than|at most|fewer|less than|below|lower|lose touch|absence|exclusions?|or less|or fewer)\b/i;
const RAISE = /\b(increas\w*|improv\w*|rais\w*|grow\w*)\b/i;
const CUT = /\b(reduc\w*|decreas\w*|cut|minimis\w*)\b/i;
/** Things counted that a plan wants fewer of, whatever comparison words come with them. */
const BAD_THINGS =
  /\b(exclu(sions?|ded)|absen(ce|t)|re-?referr\w*|repeat\w*|turnover|vacanc\w*|lose touch|missing from)\b/i;
/** Something offered or given to the children counted: a good thing, whoever they are. */
const OFFERED = /\b(offered|given)\b/i;
const NUMBER_BEFORE = /\d(?:\.\d+)?\s*%?\s*$/;

/** Whether higher or lower is better, from the words of the measure or its target. */
export function directionOf(text: string): 'higher' | 'lower' {
  // "or less" / "or fewer" counts only straight after a figure ("10% or less").
  const words = text.replace(/\bor (less|fewer)\b/gi, (match, _w, offset: number) =>
    NUMBER_BEFORE.test(text.slice(0, offset)) ? match : ' ',
  );
  // A verb says which way outright ("Reduce ...", "Improve ...").
  const up = RAISE.exec(words);
  const down = CUT.exec(words);
  if (up || down) return down && (!up || down.index < up.index) ? 'lower' : 'higher';
  // What is counted can be bad in itself: "At least 1 fixed-term exclusion" counts children
  // excluded, where "at least" says what is counted, not the way to move.
  // Unless they are counted for what they were offered: "children missing from home or care
  // offered a return interview" counts the interviews offered.
  if (BAD_THINGS.test(words)) return OFFERED.test(words) ? 'higher' : 'lower';
  const higher = HIGHER.exec(words);
  const lower = LOWER.exec(words);
  if (lower && (!higher || lower.index < higher.index)) return 'lower';
  return 'higher';
}
