import type { SourceLocation, SourceRow } from '../import.types.js';
import type { DraftBuilder, Measure } from './draft-builder.js';
import type { ColumnMap } from './headers.js';
import { directionOf, measureKey } from './measures.js';
import type { ComparisonTable, Heading, RowRecord } from './records.types.js';
import { squash } from './text-join.js';

// A small table of figures set inside a plan table's row (seed 000's exclusions table: rows
// "National Children in Care %" and "BANES CiC %", columns "Permanently excluded 2014", ...).
// Its cells sit under columns that have no heading of their own in the plan table.

const FIGURE = /^[-+]?\d+(?:[.,]\d+)?\s*%?$/;
const YEAR = /\b(?:19|20)\d{2}(?:[/-]\d{2,4})?\b/;
// Rows that are someone else's figures: England, statistical neighbours, the region.
const COMPARATOR =
  /\b(national|england|statistical neighbou?rs?|regional?|region|comparators?|similar|average|south west|north west|north east|south east|london|midlands|core cities)\b/i;

/** True for a cell that is one figure ("0.12", "9.72%"). */
export function isFigure(text: string | undefined): boolean {
  return FIGURE.test(squash(text ?? ''));
}

/** Columns holding text in this row that have no recognised heading. */
export function unmappedColumns(cells: string[], map: ColumnMap): number[] {
  return cells.map((c, i) => (c.trim() && !map.has(i) ? i : -1)).filter((i) => i >= 0);
}

/**
 * Reads one row into a comparison table (starting one when `table` is null) and returns the
 * row's cells with the table's cells blanked, so the rest of the row is read as usual. The
 * first row gives the headings; a heading pushed into the next (mapped) column by the
 * extraction is recognised by repeating another heading's words with another year.
 */
export function readComparisonRow(
  cells: string[],
  cols: number[],
  table: ComparisonTable | null,
  where: SourceLocation,
): { cells: string[]; table: ComparisonTable } {
  const rest = [...cells];
  const first = Math.min(...cols);
  const last = Math.max(...cols);
  if (!table) {
    const headings = cols.map((col) => ({ col, text: squash(cells[col] ?? '') }));
    const next = squash(cells[last + 1] ?? '');
    const key = (t: string) => measureKey(t.replace(YEAR, ''));
    if (next && YEAR.test(next) && headings.some((h) => key(h.text) === key(next)))
      headings.push({ col: last + 1, text: next });
    for (const h of headings) rest[h.col] = '';
    return { cells: rest, table: { headings, rows: [], where } };
  }
  // The row's label is the nearest text to the left of its figures.
  let label = '';
  for (let i = first - 1; i >= 0 && !label; i--) {
    label = squash(cells[i] ?? '');
    if (label) rest[i] = '';
  }
  const figures = new Map<number, string>();
  for (const h of table.headings) {
    const text = squash(cells[h.col] ?? '');
    if (cols.includes(h.col) || FIGURE.test(text)) {
      figures.set(h.col, text);
      rest[h.col] = '';
    }
  }
  table.rows.push({ label, cells: figures, where });
  return { cells: rest, table };
}

/**
 * Follows tables of figures set inside a plan table's rows, row by row: a table starts at a
 * heading row with two or more cells under columns with no heading when the next row has
 * figures under them, and goes on while rows have figures there.
 */
export class InRowTables {
  private table: ComparisonTable | null = null;

  /** A new header row: any open table has ended. */
  end(): void {
    this.table = null;
  }

  /**
   * The row's cells with those of a table of figures blanked; a table the row starts is
   * added to `owner`, the record whose row it sits in.
   */
  take(
    cells: string[],
    map: ColumnMap,
    owner: RowRecord,
    where: SourceLocation,
    next: SourceRow | undefined,
  ): string[] {
    const cols = unmappedColumns(cells, map);
    const allFigures = (row: string[], at: number[]) => at.every((i) => isFigure(row[i]));
    if (this.table && cols.length > 0 && allFigures(cells, cols)) {
      return readComparisonRow(cells, cols, this.table, where).cells;
    }
    this.table = null;
    const nextCols = next ? unmappedColumns(next.cells, map) : [];
    const starts =
      cols.length >= 2 &&
      cols.every((i) => !isFigure(cells[i])) &&
      nextCols.length >= 2 &&
      allFigures(next?.cells ?? [], nextCols);
    if (!starts) return cells;
    const read = readComparisonRow(cells, cols, null, where);
    this.table = read.table;
    owner.tables = [...(owner.tables ?? []), read.table];
    return read.cells;
  }
}

function numberOf(text: string | undefined): number | null {
  if (!text || !FIGURE.test(text)) return null;
  return Number(text.replace('%', '').replace(',', '.').trim());
}

/**
 * Turns a comparison table into measures, one per heading without its year: the council's
 * own row gives actuals, rows such as "National" give comparators. Warns about headings
 * with no figures and rows it cannot place, so nothing is dropped.
 */
export function measuresFromTable(
  table: ComparisonTable,
  draft: DraftBuilder,
  links: { actionIds: string[]; recommendationIds: string[]; context: string },
): Measure[] {
  const own = table.rows.filter((r) => r.label && !COMPARATOR.test(r.label));
  const ownRow = own.length === 1 ? own[0] : undefined;
  // The table sits inside an action's or a recommendation's row: warnings about the whole
  // table are about that item.
  const owner = links.actionIds[0]
    ? { kind: 'action' as const, id: links.actionIds[0] }
    : links.recommendationIds[0]
      ? { kind: 'recommendation' as const, id: links.recommendationIds[0] }
      : null;
  if (own.length > 1 || table.rows.some((r) => !r.label))
    draft.warn(
      'figures-unclear',
      'A table of figures has rows that are not clearly the council’s own or a comparator’s; they are kept as comparators: please check.',
      table.where,
      table.rows.map((r) => r.label || '(no label)').join(' | '),
      owner,
    );
  const groups = new Map<string, Heading[]>();
  for (const h of table.headings) {
    const name = squash(h.text.replace(YEAR, ''));
    groups.set(name, [...(groups.get(name) ?? []), h]);
  }
  const unit = table.rows.length > 0 && table.rows.every((r) => /%/.test(r.label)) ? '%' : null;
  const measures: Measure[] = [];
  for (const [name, headings] of groups) {
    const measure: Measure = {
      id: draft.id('measure'),
      ref: null,
      name: (name || 'Figures').slice(0, 2000),
      unit,
      direction: directionOf(`${name} ${links.context}`),
      rangeLow: null,
      rangeHigh: null,
      lead: null,
      baseline: null,
      targets: [],
      actuals: [],
      comparators: [],
      actionIds: links.actionIds,
      recommendationIds: links.recommendationIds,
    };
    for (const h of headings) {
      const figures = table.rows.map((r) => numberOf(r.cells.get(h.col)));
      if (figures.every((f) => f === null)) {
        draft.warn(
          'figures-unclear',
          `The column "${h.text}" of a table of figures has no figures in the text: please add them to the measure "${measure.name}".`,
          table.where,
          h.text,
          { kind: 'measure', id: measure.id },
        );
        continue;
      }
      table.rows.forEach((row, i) => {
        const value = figures[i] ?? null;
        const text = `${row.label ? `${row.label}: ` : ''}${h.text}: ${row.cells.get(h.col) ?? ''}`;
        if (row === ownRow) measure.actuals.push({ value, date: null, text: text.slice(0, 2000) });
        else
          measure.comparators.push({
            name: (row.label || 'Comparator').slice(0, 200),
            value,
            date: null,
            text: `${h.text}: ${row.cells.get(h.col) ?? ''}`.slice(0, 2000),
          });
      });
    }
    measures.push(measure);
  }
  return measures;
}
