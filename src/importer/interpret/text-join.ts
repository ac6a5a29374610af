// Page breaks cut table rows, sometimes mid-word ("contingenc" / "ies."). These helpers put
// the pieces back together.

// Word endings that cannot stand alone, so a continuation starting with one is a cut word.
const SUFFIXES = new Set([
  'ies',
  'tion',
  'tions',
  'ment',
  'ments',
  'mance',
  'ance',
  'ence',
  'ness',
  'ing',
  'ings',
  'ed',
  'ly',
  'es',
  's',
  'ity',
  'al',
  'ally',
  'ful',
  'able',
  'ible',
  'ive',
  'ship',
  'ise',
  'ize',
  'ised',
  'ized',
  'ure',
  'ures',
  'ous',
]);

/** Joins a continuation onto a cell: mid-word when the break clearly cut a word, else a space. */
export function joinText(prev: string, next: string): string {
  const a = prev.replace(/\s+$/, '');
  const b = next.replace(/^\s+/, '');
  if (!a) return b;
  if (!b) return a;
  const lastWord = /([A-Za-z]+)$/.exec(a)?.[1];
  const firstWord = /^([a-z]+)/.exec(b)?.[1];
  if (lastWord && firstWord) {
    const cutSuffix = SUFFIXES.has(firstWord);
    // "Ric" / "hard Baldwin": a capitalised fragment continued in lower case is a cut name.
    const cutName =
      /^[A-Z][a-z]{0,3}$/.test(lastWord) &&
      !COMMON_WORD.test(lastWord) &&
      !/\s/.test(b.slice(0, 1));
    // Some extractions repeat the cut fragment on both pages ("contingencies" / "ies.").
    if (
      cutSuffix &&
      firstWord.length >= 3 &&
      lastWord.endsWith(firstWord) &&
      lastWord.length > firstWord.length + 3
    )
      return a + b.slice(firstWord.length);
    if (cutSuffix || cutName) return a + b;
  }
  // A capitalised continuation starts a new item when the cut text was finished or a list;
  // a lower-case one, or one after "by"/"to"/"and", continues the same sentence.
  const dangling = DANGLING.test(a);
  const lastLine = a.slice(a.lastIndexOf('\n') + 1);
  // In a bulleted list, an unbulleted piece after an unfinished item finishes that item.
  const finishesBullet = BULLET.test(lastLine) && !BULLET.test(b) && !/[.;:!?)]$/.test(a);
  const newItem =
    /^[A-Z•·\-*"'‘“]/.test(b) &&
    !dangling &&
    !finishesBullet &&
    (/[.;:!?)]$/.test(a) || a.includes('\n'));
  return newItem ? `${a}\n${b}` : `${a} ${b}`;
}

// Short capitalised words that end a line whole ("With" / "immediate effect").
const COMMON_WORD =
  /^(with|from|the|and|for|by|to|in|on|at|of|end|due|each|all|any|new|not|now|our|per|see|use|who|will|when|this|that|must|may|can|also|as|is|are|be|if|or|so|up)$/i;
const count = (text: string, ch: string) => text.split(ch).length - 1;
const DANGLING = /\b(by|to|of|the|and|in|for|with|a|an|on|at|or)$/i;
const BULLET = /^\s*[•·\-*]/;

/**
 * Joins a continuation onto a cell that holds a list, one item a line (leads, dates): a
 * complete line starts a new item; a cut word, a dangling "by", a trailing "/" or a lone
 * first name ("Sarah" / "Rodgers") continues the item it finishes.
 */
export function joinListText(prev: string, next: string): string {
  const a = prev.replace(/\s+$/, '');
  const b = next.replace(/^\s+/, '');
  if (!a || !b) return a || b;
  const joined = joinText(a, b);
  if (joined === `${a}${b}`) return joined;
  const lastLine = a.slice(a.lastIndexOf('\n') + 1);
  const firstLine = b.split('\n')[0] ?? '';
  const continues =
    DANGLING.test(a) ||
    /[/,&(–-]$/.test(a) ||
    /^[a-z0-9(/,&)]/.test(b) ||
    count(lastLine, '(') > count(lastLine, ')') ||
    /^[\w'’-]+[).,]?$/.test(firstLine) ||
    (/(^|\/)\s*[A-Z][a-z]+$/.test(lastLine) && /^[A-Z][a-z]+(?=$|\s*[/,])/.test(firstLine));
  return continues ? `${a} ${b}` : `${a}\n${b}`;
}

/** Splits a cell into its list items (paragraphs, bullets), dropping empty ones. */
export function listItems(cell: string): string[] {
  return cell
    .split(/\n+/)
    .map((s) => s.replace(/^\s*(?:[•·\-*]\s*)+/, '').trim())
    .filter((s) => s.length > 0);
}

/** Collapses whitespace for comparisons and short messages. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, max = 200): string {
  const s = squash(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
