import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { colourOfClass, colourOfStyle } from './cell-colour.js';
import { elementsOf, textOf } from './html-text.js';

// The HTML standard's own caps on spans, plus a budget on the whole grid so a hostile
// file full of wide colspans cannot exhaust memory.
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
const MAX_CELLS = 1_000_000;

function span(cell: T.Element, name: string, max: number): number {
  const value = cell.attrs.find((a) => a.name === name)?.value ?? '1';
  const n = parseInt(value, 10);
  if (Number.isNaN(n) || n < 0) return 1;
  return Math.min(n, max);
}

/** The table's own rows (not those of tables nested in its cells), in order. */
function ownRows(table: T.Element): T.Element[] {
  return elementsOf(table).flatMap((child) => {
    if (child.tagName === 'tr') return [child];
    if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) {
      return elementsOf(child).filter((c) => c.tagName === 'tr');
    }
    return [];
  });
}

// A cell's words; a cell with none but a RAG colour (class or background) has the colour's name.
function cellText(cell: T.Element): string {
  const text = textOf([cell]);
  if (text.trim()) return text;
  const attr = (name: string) => cell.attrs.find((a) => a.name === name)?.value ?? '';
  return colourOfClass(attr('class')) ?? colourOfStyle(attr('style')) ?? text;
}

/** Lays out a table's cells on a grid: colspan repeats "", rowspan leaves "" below. */
export function tableRows(table: T.Element): string[][] {
  const rows = ownRows(table);
  const grid: string[][] = rows.map(() => []);
  let budget = MAX_CELLS;
  rows.forEach((tr, r) => {
    const line = grid[r] ?? [];
    let col = 0;
    for (const cell of elementsOf(tr).filter((c) => c.tagName === 'td' || c.tagName === 'th')) {
      while (line[col] !== undefined) col++;
      const colspan = budget > 0 ? Math.max(1, span(cell, 'colspan', MAX_COLSPAN)) : 1;
      const rowspanRaw = budget > 0 ? span(cell, 'rowspan', MAX_ROWSPAN) : 1;
      // rowspan="0" means "to the end of the table".
      const rowspan = rowspanRaw === 0 ? rows.length - r : Math.min(rowspanRaw, rows.length - r);
      for (let dr = 0; dr < Math.max(1, rowspan); dr++) {
        const target = grid[r + dr];
        if (!target) continue;
        for (let dc = 0; dc < colspan; dc++) {
          target[col + dc] = dr === 0 && dc === 0 ? cellText(cell) : '';
        }
      }
      budget -= colspan * Math.max(1, rowspan);
      col += colspan;
    }
  });
  const width = grid.reduce((max, line) => Math.max(max, line.length), 0);
  if (width * grid.length > MAX_CELLS) return grid.map((line) => Array.from(line, (c) => c ?? ''));
  return grid.map((line) => Array.from({ length: width }, (_, i) => line[i] ?? ''));
}
