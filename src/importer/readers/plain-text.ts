const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  pound: '£',
  euro: '€',
  bull: '•',
  middot: '·',
  copy: '©',
};

/** Decodes the common named entities and all numeric ones; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Collapses runs of spaces within each line, trims lines and drops empty ones. */
export function tidyLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

const BLOCK_TAG = /<\/?(?:p|div|tr|ul|ol|table|h[1-6]|blockquote|section)(?:\s[^<>]*)?\/?>/gi;
const ANY_TAG = /<\/?[a-z][a-z0-9:-]*(?:\s[^<>]*)?\/?>/gi;

/** Drops complete HTML comments; a regex would take quadratic time on many unclosed ones. */
function stripComments(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    const close = open < 0 ? -1 : text.indexOf('-->', open + 4);
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, open);
    from = close + 3;
  }
}

/**
 * Turns an HTML fragment from a table cell into plain text: block elements become line
 * breaks, list items start with "• ", entities are decoded and every other tag is dropped.
 * Text is never interpreted as markup beyond that.
 */
export function fragmentToText(fragment: string): string {
  const text = stripComments(fragment)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li(?:\s[^<>]*)?>/gi, '\n• ')
    .replace(/<\/li\s*>/gi, '\n')
    .replace(BLOCK_TAG, '\n')
    .replace(ANY_TAG, '');
  return tidyLines(decodeEntities(text));
}
