import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { ragCode } from './rag.js';
import { squash } from './text-join.js';

// A progress-update cell as councils keep it: one update ("GREEN - agreed at the May board"),
// or one dated entry per monitoring round ("12/05/15: Red - no staff yet" then "30/06/15:
// Amber - two posts filled"). Each entry keeps its words as written; its date and the RAG
// word it opens or ends with are read beside them.

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE = `(?:\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+\\d{2,4}|${MONTH}\\.?\\s+(?:\\d{4}|\\d{2}))`;
// An entry opens a line with a date and a separator: "12/05/15:", "May 2015 -", "Update 30
// June 2015:", "[June 2015]". A date running on into a sentence ("June 2015 saw...") is not
// an entry: it is what the update says.
const OPENER = new RegExp(
  `^[\\s•*-]*(?:(?:progress\\s+)?update\\s*(?:on|at|as at)?\\s*[:-]?\\s*|as at\\s+)?(?:[[(](${DATE})[\\])]|(${DATE})\\s*(?:[-–—:]|$))`,
  'i',
);
// After the end of a sentence, a date and a colon open an entry too (line breaks lost).
const RUN_ON = new RegExp(`([.;!?])[ \\t]+(?=${DATE}\\s*:)`, 'gi');

const WORD = '(red|amber|green|grey|gray|blue|yellow|complete(?:d)?)';
const LABEL = /^\s*(?:(?:overall\s+)?(?:rag(?:\s+(?:status|rating))?|status|rating)\s*[:=-]?\s*)/i;
// In prose a RAG word needs a separator after it ("Green - agreed", "AMBER: started"),
// since "Green spaces" and "Blue Badge" are not statuses; a lone letter only before a dash,
// a colon or a line break.
const LEADING = new RegExp(`^\\s*(?:\\(${WORD}\\)|${WORD}\\s*(?:[-–—:.;,/]|\\n|$))`, 'i');
const LEADING_LETTER = /^\s*([RAGBY])\s*(?:[-–—:]|\n)/;
const TRAILING = new RegExp(`(?:[-–—:(]|\\n)\\s*${WORD}\\s*\\)?\\s*\\.?\\s*$`, 'i');
const COLOUR_AFTER = /^\s*[-–—/]?\s*(red|amber|green|grey|gray|blue|yellow)\b/i;

/** One progress update as written, with the date it names and the RAG status it states. */
export interface UpdateEntry {
  /** ISO date the entry opens with; null when the cell names none. */
  date: string | null;
  text: string;
  /** The status's code in the plan's scheme, when the entry states one the scheme has. */
  status: string | null;
  /** A RAG word the entry states that the scheme does not have ("Yellow"), for a warning. */
  unknown: string | null;
  /** Set when the entry names two statuses ("Red/Amber - ..."): the first is used. */
  several: boolean;
}

function entryDate(line: string): string | null {
  const opened = OPENER.exec(line);
  const date = opened?.[1] ?? opened?.[2];
  if (!date) return null;
  const read = parseFuzzyDate(date);
  return read.kind === 'date' || read.kind === 'month' ? read.start : null;
}

/** The RAG status an update's words state at their start or end, in the scheme's codes. */
export function statusOfUpdate(
  text: string,
  codes: Set<string>,
): Pick<UpdateEntry, 'status' | 'unknown' | 'several'> {
  const words = text.replace(LABEL, '');
  const none = { status: null, unknown: null, several: false };
  const letter = LEADING_LETTER.exec(words);
  const lead = LEADING.exec(words) ?? letter;
  const found = lead ?? TRAILING.exec(words);
  const word = found?.[1] ?? found?.[2];
  if (!found || !word) return none;
  const status = ragCode(word, codes);
  // "B - train staff" is a list's second item, not a status the scheme lacks.
  if (!status && found === letter) return none;
  const after = lead ? words.slice(lead[0].length - (/[/]$/.test(lead[0]) ? 1 : 0)) : '';
  const second = COLOUR_AFTER.exec(after)?.[1];
  const several = status !== null && !!second && ragCode(second, codes) !== status;
  return { status, unknown: status ? null : squash(word), several };
}

/**
 * The entries of an update cell: one per dated entry when the cell opens with a date,
 * otherwise the whole cell as one undated entry. Entries come in the cell's order.
 */
export function updateEntries(cell: string, codes: Set<string>): UpdateEntry[] {
  const text = cell.trim();
  if (!text) return [];
  const lines = text.replace(RUN_ON, '$1\n').split('\n');
  const parts: Array<{ date: string | null; lines: string[] }> = [];
  if (entryDate(lines[0] ?? '') === null) {
    parts.push({ date: null, lines: [text] });
  } else {
    for (const line of lines) {
      const date = entryDate(line);
      const last = parts.at(-1);
      if (date !== null || !last) parts.push({ date, lines: [line] });
      else last.lines.push(line);
    }
  }
  return parts.map(({ date, lines: ls }) => {
    const words = ls.join('\n').trim();
    const status = statusOfUpdate(date ? words.replace(OPENER, '') : words, codes);
    return { date, text: words, ...status };
  });
}
