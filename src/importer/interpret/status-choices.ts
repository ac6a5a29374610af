import type { StatusReading } from '../import.types.js';
import type { RowRecord } from './records.types.js';
import { ragCode, statusWordOf } from './rag.js';
import { squash } from './text-join.js';

// How the status words and colours a document uses map to its plan's RAG scheme: the
// importer's reading of each ("On track" is Green), shown in the review, and a person's
// choice, kept with the council and applied when the file is read again.

/** A council's chosen meaning of status words: by the words' key, a status code or null (no status). */
export type StatusChoices = ReadonlyMap<string, string | null>;

/** A status cell longer than this is words with a status in them, not a status word. */
const MAX_STATUS_WORDS = 30;

/** The key status words are known by: spaced and cased alike, no closing full stop. */
export function statusKey(words: string): string {
  return squash(words).toLowerCase().replace(/\.$/, '');
}

/**
 * The status words of the records' RAG cells (short cells only: a status word or colour),
 * each with the code it is read as: the council's choice, else the importer's reading.
 */
export function statusReadings(
  records: readonly RowRecord[],
  codes: Set<string>,
  choices: StatusChoices,
): StatusReading[] {
  const out = new Map<string, StatusReading>();
  for (const rec of records) {
    const words = squash(rec.cells.rag ?? '');
    if (!isStatusWords(words, codes)) continue;
    const key = statusKey(words);
    const seen = out.get(key);
    if (seen) {
      seen.rows++;
      continue;
    }
    const chosen = choices.has(key) && validChoice(choices.get(key) ?? null, codes);
    const code = chosen ? (choices.get(key) ?? null) : ragCode(words, codes);
    out.set(key, { words, key, code, chosen, rows: 1 });
  }
  return [...out.values()];
}

/**
 * Whether a RAG cell is a status word or colour: one the importer reads, or a few words
 * starting with a capital ("Behind plan"), not the end of a sentence cut into the column.
 */
function isStatusWords(words: string, codes: Set<string>): boolean {
  if (!words || words.length > MAX_STATUS_WORDS) return false;
  if (ragCode(words, codes) !== null || statusWordOf(words, codes) !== null) return true;
  return /^[A-Z]/.test(words) && words.split(' ').length <= 3;
}

const validChoice = (code: string | null, codes: Set<string>) => code === null || codes.has(code);

/**
 * Applies the council's choices to the records' RAG cells: a word chosen as a status becomes
 * that status's code; a word chosen as no status leaves the RAG cell and is kept as the start
 * of the row's update. A choice of a code the plan's scheme lacks is not applied.
 */
export function applyStatusChoices(
  records: RowRecord[],
  codes: Set<string>,
  choices: StatusChoices,
): void {
  if (choices.size === 0) return;
  for (const rec of records) {
    const words = squash(rec.cells.rag ?? '');
    if (!isStatusWords(words, codes)) continue;
    const key = statusKey(words);
    if (!choices.has(key)) continue;
    const code = choices.get(key) ?? null;
    if (!validChoice(code, codes)) continue;
    rec.statusChosen = true;
    if (code) {
      rec.cells.rag = code;
      continue;
    }
    delete rec.cells.rag;
    rec.cells.update = [words, rec.cells.update ?? ''].filter(Boolean).join('\n');
  }
}
