import type { ExtractedDocument, SourceRow } from '../import.types.js';

export interface ParsedCsv {
  rows: SourceRow[];
  /** True when the text ended inside a quoted field. */
  unterminated: boolean;
}

/** Parses RFC 4180 CSV (quoted fields with commas, newlines and doubled quotes); never throws. */
export function readParsedCsv(input: string): ParsedCsv {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: SourceRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;

  const endField = () => {
    cells.push(field.trim());
    field = '';
  };
  const endRow = () => {
    endField();
    // A blank line is one empty field: not worth a row.
    if (cells.length > 1 || cells[0] !== '') rows.push({ cells, where: { line: rowLine } });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch !== '\r' ? ch : text[i + 1] === '\n' ? '' : '\n';
      }
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || cells.length > 0 || quoted) endRow();
  return { rows, unterminated: quoted };
}

/** Reads CSV text into one table block (row numbers are the line each record starts on). */
export function readCsv(text: string): ExtractedDocument {
  const { rows } = readParsedCsv(text);
  const first = rows[0];
  return {
    format: 'csv',
    blocks: first ? [{ type: 'table', rows, where: { line: first.where.line, table: 1 } }] : [],
  };
}
