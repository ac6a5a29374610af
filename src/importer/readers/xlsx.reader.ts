import type ExcelJS from 'exceljs';
import { excel } from '../../lib/exceljs.js';
import type { ExtractedDocument, SourceBlock, SourceRow } from '../import.types.js';
import { MONTH_NAMES } from '../../lib/fuzzy-date/calendar.js';
import { colourOfHex } from './cell-colour.js';
import { tidyLines } from './plain-text.js';

const MONTHS = MONTH_NAMES;

/**
 * A date as people write it in a plan, as precise as the cell's format shows it:
 * "1 April 2022", or "April 2022" for a month-year format such as mmm-yy. Excel dates
 * carry no zone, and exceljs reads them as UTC.
 */
export function formatDate(date: Date, numFmt?: string): string {
  if (Number.isNaN(date.getTime())) return '';
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const year = String(date.getUTCFullYear());
  // Ignore quoted literals and [locale] or [colour] sections when looking for day tokens.
  const tokens = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '').toLowerCase();
  if (tokens.includes('y') && !tokens.includes('d')) {
    return tokens.includes('m') ? `${month} ${year}` : year;
  }
  return `${date.getUTCDate()} ${month} ${year}`;
}

function formatNumber(value: number, numFmt: string | undefined): string {
  // Percentages are stored as fractions (0.6 shows as 60%); plans quote them as shown.
  if (numFmt?.includes('%')) return `${Number((value * 100).toPrecision(12))}%`;
  return String(Number(value.toPrecision(15)));
}

/** Plain text of a cell value: rich text joined, formulas by their result, dates as words. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value, numFmt);
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return tidyLines(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return tidyLines(value.richText.map((part) => part.text).join(''));
  if ('error' in value) return value.error;
  // A hyperlink's text may itself be rich text.
  if ('hyperlink' in value) return cellText(value.text, numFmt);
  if ('result' in value) return cellText(value.result, numFmt);
  return '';
}

// A status shown only as the cell's fill ("FF00B050" is green), as the colour's name.
function fillColour(cell: ExcelJS.Cell): string {
  const fill = cell.fill;
  if (fill?.type !== 'pattern' || fill.pattern !== 'solid') return '';
  const argb = fill.fgColor?.argb;
  return argb ? (colourOfHex(argb) ?? '') : '';
}

function sheetRows(sheet: ExcelJS.Worksheet): SourceRow[] {
  const rows: SourceRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) {
      // A hidden column (a helper for sorting or lookups) is not part of the plan as read.
      if (sheet.getColumn(col).hidden) continue;
      const cell = row.getCell(col);
      // Only the top-left cell of a merged range holds the value.
      const covered = cell.isMerged && cell.master.address !== cell.address;
      const text = covered ? '' : cellText(cell.value, cell.numFmt);
      cells.push(text || covered ? text : fillColour(cell));
    }
    if (cells.some((c) => c !== ''))
      rows.push({ cells, where: { line: rowNumber, sheet: sheet.name } });
  });
  return rows;
}

/**
 * Reads every worksheet with content into one table block, in workbook order; rows carry the
 * sheet name and the spreadsheet row number. Throws what exceljs throws for a damaged file.
 */
export async function readXlsx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const workbook = new (await excel()).Workbook();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const blocks: SourceBlock[] = [];
  for (const sheet of workbook.worksheets) {
    const rows = sheetRows(sheet);
    if (rows.length > 0) blocks.push({ type: 'table', rows, where: { sheet: sheet.name } });
  }
  return { format: 'xlsx', blocks };
}
