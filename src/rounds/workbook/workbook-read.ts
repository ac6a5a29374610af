import type ExcelJS from 'exceljs';
import { excel } from '../../lib/exceljs.js';
import { detectFormat } from '../../importer/readers/detect.js';
import { cellText } from '../../importer/readers/xlsx.reader.js';
import { COLUMNS, type ReadRow, UPDATES_SHEET } from './workbook.types.js';

// Reading a returned round workbook: its Updates sheet, each row's cells found by their
// column's heading (so a column moved or inserted does no harm), with the spreadsheet's own
// row numbers. A file that is not a workbook this service made is refused in words a person
// can act on, never with a library's message.

/** The workbook's rows, or why the file cannot be read as a round workbook. */
export type ReadOutcome = { kind: 'read'; rows: ReadRow[] } | { kind: 'refused'; message: string };

const named = (fileName: string) => (fileName ? `‘${fileName}’` : 'The selected file');

const NOT_A_WORKBOOK = (fileName: string) =>
  `${named(fileName)} is not an Excel workbook. Upload the .xlsx file downloaded from this round’s page, filled in and saved in Excel`;
const DAMAGED = (fileName: string) =>
  `${named(fileName)} looks like an Excel workbook but could not be read. Open it in Excel, save it again as .xlsx and upload the new copy`;
const NOT_OURS = (fileName: string) =>
  `${named(fileName)} is not an update workbook from this service: it has no ‘${UPDATES_SHEET}’ sheet with the columns it was downloaded with. Download the workbook from this round’s page and fill that in`;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** The cell's text; for a link, its address (what a person pasted), else its words. */
function textOf(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value && typeof value === 'object' && 'hyperlink' in value) return value.hyperlink.trim();
  return cellText(value, cell.numFmt).trim();
}

/** Which column holds each heading; the update column is the one whose heading starts "Update for". */
function columnsOf(sheet: ExcelJS.Worksheet): Map<keyof typeof COLUMNS, number> | null {
  const found = new Map<keyof typeof COLUMNS, number>();
  const wanted = Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>;
  sheet.getRow(1).eachCell((cell, col) => {
    const heading = squash(textOf(cell));
    for (const [key, text] of wanted) {
      const match = key === 'update' ? heading.startsWith(squash(text)) : heading === squash(text);
      if (match && !found.has(key)) found.set(key, col);
    }
  });
  const needed: Array<keyof typeof COLUMNS> = [
    'action',
    'lead',
    'update',
    'proposed',
    'evidence',
    'planKey',
    'roundKey',
    'actionKey',
  ];
  return needed.every((k) => found.has(k)) ? found : null;
}

/** Reads a returned workbook's Updates sheet; rows with nothing in any cell are left out. */
export async function readRoundWorkbook(bytes: Uint8Array, fileName: string): Promise<ReadOutcome> {
  let format;
  try {
    format = detectFormat(bytes, fileName);
  } catch {
    // A zip the importer will not open (damaged, or one that would unpack too far).
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    return { kind: 'refused', message: zip ? DAMAGED(fileName) : NOT_A_WORKBOOK(fileName) };
  }
  if (format !== 'xlsx') return { kind: 'refused', message: NOT_A_WORKBOOK(fileName) };
  const workbook = new (await excel()).Workbook();
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return { kind: 'refused', message: DAMAGED(fileName) };
  }
  const sheet = workbook.getWorksheet(UPDATES_SHEET);
  const columns = sheet && columnsOf(sheet);
  if (!sheet || !columns) return { kind: 'refused', message: NOT_OURS(fileName) };
  const rows: ReadRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const at = (key: keyof typeof COLUMNS) => {
      const col = columns.get(key);
      return col ? textOf(row.getCell(col)) : '';
    };
    const read: ReadRow = {
      row: number,
      planKey: at('planKey'),
      roundKey: at('roundKey'),
      actionKey: at('actionKey'),
      action: at('action'),
      lead: at('lead'),
      update: at('update'),
      status: at('proposed'),
      evidence: at('evidence'),
    };
    // Any cell with something in it counts (a row typed in with only a reference is extra).
    let filled = false;
    row.eachCell((cell) => (filled ||= textOf(cell) !== ''));
    if (filled) rows.push(read);
  });
  return { kind: 'read', rows };
}
