import { COST_LIKE } from './realign.js';
import { ragCode, statusWordOf } from './rag.js';
import type { Cells } from './records.types.js';
import { squash } from './text-join.js';

// PDF extraction and hurried editing put status words in the RAG column ("Amber - health
// check in progress", "Not yet started.", a whole update when the row's empty RAG cell was
// lost and the update and cost moved one column left). The RAG word, if any, is the status;
// the other words are the status update, so nothing written is lost.

// RAG cells are short; longer text is an update and is not searched for a status word.
const MAX_CELL = 2000;
const COLOURS = /\b(red|amber|green|grey|gray|blue|yellow)\b/gi;
const WORD = '(red|amber|green|grey|gray|blue|yellow|complete(?:d)?)';
// A RAG word at the start, then a separator (or only a space for a colour), then the words;
// a lone letter ("A - in progress") only before a dash, colon or line break, since "A. Smith"
// and "A review" are not statuses.
const LEADING = new RegExp(`^\\s*${WORD}\\s*(?:[-–—:.;,/)]|\\n|(?=\\())\\s*([\\s\\S]*)$`, 'i');
const LEADING_COLOUR = /^\s*(red|amber|green|grey|gray|blue|yellow)\s+([\s\S]+)$/i;
const LEADING_LETTER = /^\s*([RAGBY])\s*(?:[-–—:]|\n)\s*([\s\S]+)$/;
// The words, then the RAG word at the end: "Work started (Amber)", "In progress - AMBER".
const TRAILING = new RegExp(
  `^([\\s\\S]*?)\\s*(?:[-–—:(]|\\n)\\s*${WORD}\\s*\\)?\\s*\\.?\\s*$`,
  'i',
);

export interface StatusCells {
  cells: Cells;
  /** Set when the RAG column could be read more than one way; says what was done. */
  ambiguity: string | null;
}

/**
 * Splits a RAG cell holding more than a RAG word into the status (the RAG word) and the
 * status update (the rest, before any update already in the row). A row whose RAG cell holds
 * words but no RAG word, and whose update cell reads as a cost while its cost cell is empty,
 * was shifted a column left: the words are the update and the "update" is the cost.
 */
export function sortStatusCells(cells: Cells, codes: Set<string>): StatusCells {
  const rag = cells.rag?.trim() ?? '';
  // A RAG word alone, or one word the scheme does not know (warned as such later), stays.
  if (!rag || isRagOnly(rag, codes) || !/[\s/,;-]/.test(rag) || rag.length > MAX_CELL)
    return { cells, ambiguity: null };
  // A status word ("On track", "Off track") is the status its scheme gives it; one the
  // scheme has no status for ("Not started" without grey) stays as words, below.
  const word = rag ? statusWordOf(rag, codes) : null;
  if (word?.code) return { cells: { ...cells, rag: word.code }, ambiguity: null };

  const split = splitRag(rag, codes);
  const out: Cells = { ...cells };
  delete out.rag;
  let ambiguity: string | null = null;
  if (split.code) {
    out.rag = split.code;
    // "Amber/Green", "Red - moving to Amber": two statuses, and the first is used.
    const others = [...split.rest.matchAll(COLOURS)]
      .map((m) => ragCode(m[1] ?? '', codes))
      .filter((c) => c && c !== split.code);
    if (others.length > 0)
      ambiguity = `The RAG column reads "${squash(rag).slice(0, 80)}", which names more than one status: ${split.code} is used. Please check the status.`;
    if (isRagOnly(split.rest, codes)) split.rest = '';
  } else if (new RegExp(COLOURS.source, 'i').test(rag)) {
    ambiguity = `The RAG column reads "${squash(rag).slice(0, 80)}", but no status of the plan's RAG scheme could be read from it; the words were kept as the status update. Please check the status.`;
  }
  const words = split.rest.trim();
  if (!words) return { cells: out, ambiguity };
  const update = cells.update?.trim() ?? '';
  if (!split.code && update && !cells.cost && COST_LIKE.test(update)) {
    // The row lost its empty RAG cell: the update and the cost each moved one column left.
    out.update = words;
    out.cost = update;
    return { cells: out, ambiguity };
  }
  out.update = update ? `${words}\n${update}` : words;
  if (update && !split.code)
    ambiguity =
      'The RAG column held words but no RAG status; they were put before the status update. Please check the status.';
  return { cells: out, ambiguity };
}

function isRagOnly(cell: string, codes: Set<string>): boolean {
  // "Amber", "A", "Complete." or the same status on several lines (one per measure row).
  const lines = cell
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    lines.length > 0 && lines.every((l) => /^\p{L}+\.?$/u.test(l) && ragCode(l, codes) !== null)
  );
}

/** The RAG word of a cell that holds more, and the rest of its words. */
function splitRag(cell: string, codes: Set<string>): { code: string | null; rest: string } {
  const lead = LEADING.exec(cell) ?? LEADING_COLOUR.exec(cell) ?? LEADING_LETTER.exec(cell);
  const leadCode = lead ? ragCode(lead[1] ?? '', codes) : null;
  if (lead && leadCode) return { code: leadCode, rest: lead[2] ?? '' };
  const trail = TRAILING.exec(cell);
  const trailCode = trail ? ragCode(trail[2] ?? '', codes) : null;
  if (trail && trailCode && (trail[1] ?? '').trim())
    return { code: trailCode, rest: trail[1] ?? '' };
  return { code: null, rest: cell };
}
