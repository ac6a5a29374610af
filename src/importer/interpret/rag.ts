import type { RagSchemeInput } from '../../rag/rag-scheme.schema.js';
import { RED_AMBER_GREEN } from '../../rag/built-in-schemes.js';
import type { SourceRow } from '../import.types.js';

type Status = RagSchemeInput['statuses'][number];

// Colour words councils use, with the GOV.UK tag colour and what they usually say about delivery.
const COLOURS: Record<string, Pick<Status, 'colour' | 'category'>> = {
  RED: { colour: 'red', category: 'off-track' },
  AMBER: { colour: 'orange', category: 'on-track' },
  YELLOW: { colour: 'yellow', category: 'at-risk' },
  GREEN: { colour: 'green', category: 'complete' },
  GREY: { colour: 'grey', category: 'not-started' },
  BLUE: { colour: 'blue', category: 'complete' },
};

const label = (code: string) => code.charAt(0) + code.slice(1).toLowerCase();

/** A RAG key table ("RED | Tasks have not been met..."), as a scheme; null when it is not one. */
export function schemeFromRows(rows: SourceRow[]): RagSchemeInput | null {
  const statuses: Status[] = [];
  for (const row of rows) {
    const code = (row.cells[0] ?? '').trim().toUpperCase();
    const meaning = row.cells.slice(1).join(' ').replace(/\s+/g, ' ').trim();
    const known = COLOURS[code];
    if (known && !statuses.some((s) => s.code === code)) {
      statuses.push({ code, label: label(code), meaning: meaning.slice(0, 1000), ...known });
    }
  }
  if (statuses.length < 3) return null;
  // GREEN means "on track" unless another status (BLUE) is the separate "complete" one.
  const greenIsOnlyComplete = !statuses.some((s) => s.code === 'BLUE');
  for (const s of statuses) {
    if (s.code === 'GREEN' && greenIsOnlyComplete && !/complete/i.test(s.meaning))
      s.category = 'on-track';
  }
  const name = statuses.map((s) => s.label).join(', ');
  return {
    key: `${statuses.map((s) => s.code.toLowerCase()).join('-')}`.slice(0, 50),
    name,
    statuses,
  };
}

/** The default scheme, with YELLOW added when the plan uses it. */
export function defaultScheme(usesYellow: boolean): RagSchemeInput {
  if (!usesYellow) return RED_AMBER_GREEN;
  return {
    key: 'red-amber-yellow-green',
    name: 'Red, Amber, Yellow, Green',
    statuses: [
      ...RED_AMBER_GREEN.statuses,
      {
        code: 'YELLOW',
        label: 'Yellow',
        colour: 'yellow',
        meaning: 'Some risk to delivery',
        category: 'at-risk',
      },
    ],
  };
}

// Status words councils use instead of colours, by what they say about delivery.
const STATUS_WORDS: Array<[RegExp, string[]]> = [
  [/^(ON TRACK|ON TARGET|ACHIEVED|GOOD PROGRESS)$/, ['GREEN']],
  [/^(COMPLETE|COMPLETED|DONE|DELIVERED|CLOSED)$/, ['BLUE', 'GREEN']],
  [
    /^(SOME SLIPPAGE|SLIPPAGE|SLIPPING|SLIGHT(LY)? DELAY(ED)?|MINOR DELAY|AT RISK|BEHIND SCHEDULE)$/,
    ['AMBER', 'YELLOW'],
  ],
  [/^(OFF TRACK|OFF TARGET|NOT ON TRACK|DELAYED|SIGNIFICANT (SLIPPAGE|DELAY)|OVERDUE)$/, ['RED']],
  [/^(NOT (YET )?STARTED|NOT DUE)$/, ['GREY']],
];

/**
 * A status word that is not a colour ("On track", "Off track"): `code` is the scheme's code
 * for it, null when the scheme has none ("Not started" in a scheme without grey). Null when
 * the words are no status word.
 */
export function statusWordOf(words: string, codes: Set<string>): { code: string | null } | null {
  const w = words
    .toUpperCase()
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ');
  for (const [pattern, candidates] of STATUS_WORDS)
    if (pattern.test(w)) return { code: candidates.find((c) => codes.has(c)) ?? null };
  return null;
}

function statusWord(words: string, codes: Set<string>): string | null {
  return statusWordOf(words, codes)?.code ?? null;
}

/** The status code a RAG cell means ("Amber", "A", "Completed"), given the scheme's codes. */
export function ragCode(cell: string, codes: Set<string>): string | null {
  const w = cell
    .trim()
    .toUpperCase()
    .replace(/[.\s]+$/, '');
  if (!w) return null;
  const letters: Record<string, string> = {
    R: 'RED',
    A: 'AMBER',
    G: 'GREEN',
    Y: 'YELLOW',
    B: 'BLUE',
  };
  const direct = letters[w] ?? w.replace(/^(RAG|STATUS)[:\s]*/, '');
  if (codes.has(direct)) return direct;
  const said = statusWord(direct, codes);
  if (said) return said;
  const first = /^(RED|AMBER|GREEN|GREY|GRAY|BLUE|YELLOW)\b/.exec(direct)?.[1];
  const code = first === 'GRAY' ? 'GREY' : first;
  return code && codes.has(code) ? code : null;
}
