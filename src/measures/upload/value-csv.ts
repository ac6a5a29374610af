import { parse } from 'csv-parse/sync';

// Reading a file of measure values: one row per value under the header
// `measure,period,value` with, optionally, `series`, `provisional` and `note`, in any order.
// Excel writes CSV as UTF-8 with a byte-order mark or as Windows-1252; both are read. The
// cells are kept as text here; what they mean is decided by value-rows.ts.

export const REQUIRED_COLUMNS = ['measure', 'period', 'value'] as const;
export const OPTIONAL_COLUMNS = ['series', 'provisional', 'note'] as const;
export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** One row of the file: its line number and its cells by column (missing cells are ''). */
export interface CsvRow {
  line: number;
  cells: Record<Column, string>;
}

/** A problem with one row (or the header, line 1), in the words a person reads. */
export interface RowProblem {
  line: number;
  /** The column the problem is in, as the file names it; null for the row as a whole. */
  column: string | null;
  message: string;
}

/** What the file holds: its rows, and what is wrong with its header, if anything. */
export interface ReadCsv {
  rows: CsvRow[];
  headerProblems: RowProblem[];
}

/** The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Node 20's 'windows-1252' decoder reads 0x80-0x9F as Latin-1 control characters; those
    // bytes are where Windows-1252 keeps its curly quotes, dashes, € and so on.
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  }
}

// Windows-1252's characters for the bytes 0x80 to 0x9F (the five unassigned bytes kept).
const CP1252_HIGH = [
  '€',
  '\u0081',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '\u008d',
  'Ž',
  '\u008f',
  '\u0090',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '\u009d',
  'ž',
  'Ÿ',
];

/** Thrown when the bytes are not a CSV file this can read at all (said in a person's words). */
export class UnreadableCsv extends Error {}

/** The rows of the file and its header's problems; throws UnreadableCsv when it is not CSV. */
export function readValueCsv(bytes: Uint8Array): ReadCsv {
  const text = decodeCsv(bytes);
  if (text.includes('\u0000')) throw new UnreadableCsv('The selected file is not a CSV file');
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch {
    throw new UnreadableCsv(
      'The selected file could not be read as CSV: check that quotes around cells are closed',
    );
  }
  const [head, ...body] = records;
  if (!head) throw new UnreadableCsv('The selected file is empty');
  const { columns, headerProblems } = readHeader(head.record, startLine(undefined, head));
  const rows: CsvRow[] = [];
  let before = head;
  for (const r of body) {
    const line = startLine(before, r);
    before = r;
    if (r.record.every((cell) => cell === '')) continue;
    const cells = { measure: '', period: '', value: '', series: '', provisional: '', note: '' };
    columns.forEach((column, i) => {
      if (column) cells[column] = r.record[i] ?? '';
    });
    rows.push({ line, cells });
  }
  return { rows, headerProblems };
}

type Info = { info: { lines: number; empty_lines: number } };

// csv-parse counts the line a record ends on; a record starts after the one before it and
// the empty lines skipped since.
function startLine(before: Info | undefined, r: Info): number {
  if (!before) return r.info.empty_lines + 1;
  return before.info.lines + 1 + (r.info.empty_lines - before.info.empty_lines);
}

function readHeader(cells: string[], line: number) {
  const headerProblems: RowProblem[] = [];
  const columns: Array<Column | null> = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    return KNOWN.includes(name) ? (name as Column) : null;
  });
  cells.forEach((cell, i) => {
    if (columns[i] === null && cell.trim() !== '') {
      headerProblems.push({
        line,
        column: cell,
        message: `The column “${cell}” is not one this file can have: use measure, period, value, and optionally series, provisional and note`,
      });
    } else if (columns[i] !== null && columns.indexOf(columns[i] ?? null) !== i) {
      headerProblems.push({
        line,
        column: cell,
        message: `The column “${cell}” appears more than once: keep one`,
      });
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) {
      headerProblems.push({
        line,
        column: required,
        message: `The first row must name a “${required}” column: the header is measure,period,value`,
      });
    }
  }
  return { columns, headerProblems };
}
