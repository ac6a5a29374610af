// A RAG status shown only as a cell's colour: a class ("rag rag--green", "status-amber"), an
// inline background, or an Excel fill. The readers write the colour's name as the cell's
// text, so the interpreter reads it like a written status. Only for cells with no words.

const NAMES = ['red', 'amber', 'green', 'blue', 'grey', 'yellow'] as const;
type Colour = (typeof NAMES)[number];

// Reference colours (RGB) for the nearest-colour reading of a fill.
const RGB: Record<Colour, [number, number, number]> = {
  red: [255, 0, 0],
  amber: [255, 192, 0],
  green: [0, 176, 80],
  blue: [0, 112, 192],
  grey: [166, 166, 166],
  yellow: [255, 255, 0],
};

/** The colour a class list names ("rag rag--green" → Green), or null. */
export function colourOfClass(classes: string): string | null {
  for (const token of classes.toLowerCase().split(/\s+/)) {
    const m = /(?:^|[-_])(red|amber|green|blue|grey|gray|yellow|orange)$/.exec(token);
    if (m?.[1]) return label(m[1] === 'gray' ? 'grey' : m[1] === 'orange' ? 'amber' : m[1]);
  }
  // A class naming the status in words ("status-on-track", "is-at-risk") or by its letter
  // ("rag-g"): the words, for the interpreter to read like a written status.
  for (const token of classes.toLowerCase().split(/\s+/)) {
    const words = STATUS_CLASS.exec(token)?.[1];
    if (words) return label(words.replace(/[-_]+/g, ' '));
    const letter = /^(?:rag|status)[-_]+([rag])$/.exec(token)?.[1];
    if (letter) return label({ r: 'red', a: 'amber', g: 'green' }[letter as 'r' | 'a' | 'g']);
  }
  return null;
}

const STATUS_CLASS =
  /(?:^|[-_])(on[-_]track|off[-_]track|at[-_]risk|not[-_](?:yet[-_])?started|completed?|delayed|overdue|slippage)$/;

/** The RAG colour nearest a hex colour ("#00b050", "FF00B050"), or null when none is near. */
export function colourOfHex(hex: string): string | null {
  const m = /^#?(?:[0-9a-f]{2})?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16));
  let best: Colour | null = null;
  let bestDistance = 90 ** 2 * 3;
  for (const name of NAMES) {
    const [R, G, B] = RGB[name];
    const d = (R - (r ?? 0)) ** 2 + (G - (g ?? 0)) ** 2 + (B - (b ?? 0)) ** 2;
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best ? label(best) : null;
}

/** The colour an inline style's background gives, or null. */
export function colourOfStyle(style: string): string | null {
  const m = /background(?:-color)?\s*:\s*(#[0-9a-f]{6}|[a-z]+)/i.exec(style);
  if (!m?.[1]) return null;
  return m[1].startsWith('#') ? colourOfHex(m[1]) : colourOfClass(m[1]);
}

function label(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
