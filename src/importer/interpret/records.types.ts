import type { ImportWarning, SourceLocation } from '../import.types.js';
import type { ColumnRole } from './headers.js';

// What plan tables' rows become before assembly: records of recommendations and actions, their
// measure rows, and the tables of figures found inside them. Shapes only, apart from the code
// that fills and reads them (records.ts, comparison-table.ts, measures.ts, plan-table.ts,
// assemble.ts), so those modules never need to import one another for a type.

/** A row's cells by the role of their column. */
export type Cells = Partial<Record<ColumnRole, string>>;

/** One measure row as written: the measure words, its lead and its date. */
export interface MeasureRow {
  text: string;
  lead: string;
  due: string;
  where: SourceLocation;
}

/** A recommendation or action row as read, before it becomes draft objects. */
export interface RowRecord {
  kind: 'recommendation' | 'action';
  ref: string | null;
  cells: Cells;
  measures: MeasureRow[];
  where: SourceLocation;
  sectionId: string | null;
  themeId: string | null;
  /** For actions: the ref of the recommendation they belong to, or the current one. */
  parent: RowRecord | null;
  /** Tables of figures found inside the record's rows. */
  tables?: ComparisonTable[];
  /** Whether its status was read as a person chose (see status-choices.ts). */
  statusChosen?: boolean;
  /** Warnings raised while its rows were read, tied to the item it becomes (see `tie`). */
  warnings?: ImportWarning[];
}

/** A column heading of a comparison table, by the plan table's column it sits in. */
export interface Heading {
  col: number;
  text: string;
}

/** One row of a comparison table: its label and its figures by column. */
export interface FigureRow {
  label: string;
  cells: Map<number, string>;
  where: SourceLocation;
}

/** A comparison table found inside a plan table, before it becomes measures. */
export interface ComparisonTable {
  headings: Heading[];
  rows: FigureRow[];
  where: SourceLocation;
}
