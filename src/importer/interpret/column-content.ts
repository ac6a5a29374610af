import type { SourceRow } from '../import.types.js';
import { type ColumnMap, type ColumnRole, headerMap } from './headers.js';
import { ragCode } from './rag.js';
import { refCell } from './refs.js';

// A column's role from what its cells hold, for columns whose heading the importer does not
// know (or that have none, such as a recommendation number in an unheaded first column),
// and for a "Target" column that holds dates.

const ALL_CODES = new Set(['RED', 'AMBER', 'GREEN', 'BLUE', 'GREY', 'YELLOW']);
const MONTH =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{2,4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\bq[1-4]\b|\b(spring|summer|autumn) (term )?\d{4}\b|\b20\d\d\/\d\d\b|^(ongoing|monthly|weekly|quarterly|annually|tbc|immediate(ly)?)\b/i;

function share(cells: string[], test: (cell: string) => boolean): number {
  return cells.length === 0 ? 0 : cells.filter(test).length / cells.length;
}

/** The cells under each column of the rows a header heads (up to the next header row). */
function columnCells(rows: readonly SourceRow[], from: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const row of rows.slice(from, from + 60)) {
    if (headerMap(row.cells)) break;
    row.cells.forEach((cell, i) => {
      const t = cell.trim();
      if (!t) return;
      const list = out.get(i) ?? [];
      list.push(t);
      out.set(i, list);
    });
  }
  return out;
}

/** What a column's cells showed when its role came from them. */
export type ContentReason = 'references' | 'statuses' | 'dates' | 'one-value';

/**
 * The roles the content of the rows under a header gives the columns its words did not
 * name, with what the cells showed: a column of references, of RAG words, or of dates; a
 * "Target" column of dates is a due date; a column holding one value on every row (a list
 * export's plan title) is ignored.
 */
export function rolesFromContent(
  map: ColumnMap,
  rows: readonly SourceRow[],
  from: number,
): Map<number, { role: ColumnRole; reason: ContentReason }> {
  const found = new Map<number, { role: ColumnRole; reason: ContentReason }>();
  const has = (role: ColumnRole) =>
    [...map.values()].includes(role) || [...found.values()].some((f) => f.role === role);
  for (const [i, cells] of columnCells(rows, from)) {
    const role = map.get(i);
    const dates = share(cells, (c) => MONTH.test(c) && c.length < 60);
    if (role === 'target' && !has('due') && dates >= 0.6) {
      found.set(i, { role: 'due', reason: 'dates' });
      continue;
    }
    if (role) continue;
    if (!has('ref') && share(cells, (c) => refCell(c) !== null) >= 0.8)
      found.set(i, { role: 'ref', reason: 'references' });
    else if (!has('rag') && share(cells, (c) => ragCode(c, ALL_CODES) !== null) >= 0.8)
      found.set(i, { role: 'rag', reason: 'statuses' });
    else if (!has('due') && dates >= 0.8) found.set(i, { role: 'due', reason: 'dates' });
    else if (cells.length >= 3 && new Set(cells).size === 1)
      found.set(i, { role: 'ignore', reason: 'one-value' });
  }
  return found;
}

/** The header's map with the roles the content of the rows under it gives (see above). */
export function inferByContent(
  map: ColumnMap,
  rows: readonly SourceRow[],
  from: number,
): ColumnMap {
  const out: ColumnMap = new Map(map);
  for (const [i, { role }] of rolesFromContent(map, rows, from)) out.set(i, role);
  return out;
}
