import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';

// The corpus's Word and Excel plans are written as small layout files (rows of cells, with
// null for a cell merged with the one above) and built into real .docx/.xlsx bytes here, so
// the readers see genuine vMerge cells, merged ranges, date cells and fills.

/** A cell: text (lines become paragraphs), or null where the cell above is merged down. */
type WordCell = string | null;

export type WordBlock =
  { heading: string; level?: 1 | 2 | 3 } | { p: string } | { table: WordCell[][] };

export interface WordLayout {
  blocks: WordBlock[];
}

export type SheetCell =
  | string
  | number
  | null
  | { date: string; format?: string }
  | { text: string; fill?: string; across?: number };

export interface ExcelLayout {
  /** hiddenColumns: 1-based column numbers hidden in Excel (helper columns). */
  sheets: Array<{ name: string; rows: SheetCell[][]; hiddenColumns?: number[] }>;
}

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 };

// A line written "• text" becomes a real Word bullet (a list paragraph, with no "•" in its text).
function paragraphs(text: string): Paragraph[] {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('• ')
        ? new Paragraph({ text: line.slice(2), bullet: { level: 0 } })
        : new Paragraph({ text: line }),
    );
}

function wordTable(rows: WordCell[][]): Table {
  return new Table({
    rows: rows.map(
      (row, r) =>
        new TableRow({
          children: row.flatMap((cell, c) => {
            if (cell === null) return [];
            let span = 1;
            while (rows[r + span]?.[c] === null) span++;
            return [new TableCell({ children: paragraphs(cell), rowSpan: span })];
          }),
        }),
    ),
  });
}

/** A Word document built from its layout. */
export async function buildDocx(layout: WordLayout): Promise<Uint8Array> {
  const children = layout.blocks.flatMap((b) => {
    if ('heading' in b) return [new Paragraph({ text: b.heading, heading: LEVELS[b.level ?? 2] })];
    if ('p' in b) return paragraphs(b.p);
    return [wordTable(b.table), new Paragraph({ text: '' })];
  });
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** An Excel workbook built from its layout. */
export async function buildXlsx(layout: ExcelLayout): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of layout.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const c of sheet.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
    sheet.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const target = ws.getCell(r + 1, c + 1);
        // An empty cell is left unset: setting one inside a merged range would blank its text.
        if (cell === null || cell === '') return;
        if (typeof cell === 'string' || typeof cell === 'number') {
          target.value = cell;
        } else if ('date' in cell) {
          target.value = new Date(`${cell.date}T00:00:00Z`);
          target.numFmt = cell.format ?? 'dd/mm/yyyy';
        } else {
          target.value = cell.text;
          if (cell.fill)
            target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: cell.fill } };
          if (cell.across) ws.mergeCells(r + 1, c + 1, r + 1, c + cell.across);
        }
        let span = 1;
        while (sheet.rows[r + span]?.[c] === null) span++;
        if (span > 1) ws.mergeCells(r + 1, c + 1, r + span, c + 1);
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
