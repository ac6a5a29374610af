// References as councils write them: "1", "1.1", "1a", "R1.1", "Recommendation 1", "Action
// 1.2", roman numerals ("ii"), letters ("b)"). A reference is kept exactly as written (less
// the punctuation that closes it: "1." is "1", "a)" is "a"); its shape says whether it names
// a recommendation or an action, and its number ties an action to its recommendation.

const NUMBER = String.raw`\d{1,3}(?:\.\d{1,3}){0,2}`;
const ROMAN = String.raw`(?=[ivxl]{1,6}\b)x{0,3}(?:ix|iv|v?i{0,3})`;
const LABEL = String.raw`(?:recommendation|rec|action|priority)\.?\s*`;
const SHAPE = String.raw`(?:${LABEL})?(?:[ra]?${NUMBER}[a-z]?|${ROMAN})|[a-z]`;

const WHOLE = new RegExp(String.raw`^(${SHAPE})[.):]?$`, 'i');
// A reference opening a text cell: a number, a label and number, or a letter or roman
// numeral closed by "." or ")" ("a) Appoint", "ii. Ensure"), never a plain word ("A new").
const PREFIX = new RegExp(
  String.raw`^((?:${LABEL})(?:[ra]?${NUMBER}[a-z]?|${ROMAN})|[ra]?${NUMBER}[a-z]?)(?:[.):]|\s+[-–:])?\s+(?=\S)|^(${ROMAN}|[a-z])[.)]\s+(?=\S)`,
  'i',
);

export type RefKind = 'recommendation' | 'action';

/** The reference a whole cell holds ("1.1", "Action 1.2", "ii."), or null. */
export function refCell(cell: string): string | null {
  const m = WHOLE.exec(cell.trim());
  return m?.[1] && m[1].trim() ? m[1] : null;
}

/** A reference opening a text cell, and the text after it; null when the cell opens with none. */
export function refPrefix(text: string): { ref: string; rest: string } | null {
  const m = PREFIX.exec(text);
  const ref = m?.[1] ?? m?.[2];
  if (!m || !ref) return null;
  return { ref, rest: text.slice(m[0].length) };
}

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

function romanValue(text: string): number | null {
  if (!new RegExp(`^${ROMAN}$`, 'i').test(text)) return null;
  let total = 0;
  const chars = text.toLowerCase().split('');
  chars.forEach((ch, i) => {
    const v = ROMAN_VALUES[ch] ?? 0;
    const next = ROMAN_VALUES[chars[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  });
  return total || null;
}

/**
 * Whether a reference names a recommendation or an action. A label decides ("Action 1");
 * then the shape: "1.1", "1a", "R1.1" and lone letters are actions, "1", "R1" and roman
 * numerals recommendations. `where` breaks the tie of a letter that is also a numeral ("i").
 */
export function refKind(ref: string, where: RefKind | null = null): RefKind {
  const t = ref.trim().toLowerCase();
  if (/^(recommendation|rec|priority)\b/.test(t)) return 'recommendation';
  if (/^action\b/.test(t)) return 'action';
  const bare = t.replace(/^[ra](?=\d)/, '');
  if (/^\d+$/.test(bare)) return 'recommendation';
  if (/^\d/.test(bare)) return 'action';
  if (romanValue(bare) !== null && (where === 'recommendation' || bare.length > 1))
    return 'recommendation';
  return 'action';
}

/** The recommendation number a reference carries ("Action 2.3" and "2c" → 2), or null. */
export function refNumber(ref: string): number | null {
  const t = ref
    .trim()
    .toLowerCase()
    .replace(/^(recommendation|rec|action|priority)\.?\s*/, '');
  const digits = /^[ra]?(\d+)/.exec(t)?.[1];
  if (digits) return Number(digits);
  return romanValue(t);
}
