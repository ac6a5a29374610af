import type { ExtractedDocument, SourceBlock, SourceLocation, SourceRow } from '../import.types.js';
import { type ContentReason, rolesFromContent } from './column-content.js';
import { type ColumnMap, type ColumnRole, headerMap } from './headers.js';
import { squash, truncate } from './text-join.js';

// The column-mapping step: what role the importer gave each column of each table layout, and
// a person's choice of roles and header row, applied to the extracted document before it is
// interpreted again. A layout is known by its header row's words (its signature), so a
// mapping kept with the council reads the next upload in the same layout the same way.

/** A column's role as a person chooses it: a role, 'ignore', or 'auto' (as the importer reads it). */
export type ChosenRole = ColumnRole | 'auto';

/** A person's mapping of one layout: a role per column of its header row. */
export interface ColumnMapping {
  roles: ChosenRole[];
}

/** The roles a person may choose, in the order offered, with their labels. */
export const ROLE_CHOICES: Array<[ChosenRole, string]> = [
  ['auto', 'Not recognised: read by what its cells hold'],
  ['ref', 'Reference (1, 1.1, R2)'],
  ['recommendation', 'Recommendation'],
  ['action', 'Action'],
  ['outcome', 'Outcome'],
  ['target', 'Target or goal'],
  ['measure', 'Measure (KPI)'],
  ['lead', 'Lead'],
  ['due', 'Due date'],
  ['evidence', 'Evidence'],
  ['rag', 'Status (RAG)'],
  ['update', 'Progress update'],
  ['cost', 'Cost'],
  ['ignore', 'Ignore this column'],
];

// Header words the importer reads as each role (headers.ts), written in for a chosen role.
const HEADER_WORDS: Record<Exclude<ChosenRole, 'auto' | 'ignore'>, string> = {
  ref: 'Ref',
  recommendation: 'Recommendation',
  action: 'Action',
  outcome: 'Outcome',
  target: 'Target',
  measure: 'Improvement measure',
  lead: 'Lead',
  due: 'Due date',
  evidence: 'Evidence',
  rag: 'RAG status',
  update: 'Progress update',
  cost: 'Cost',
};

/** How many rows from a table's top may be its header. */
export const HEADER_ROWS_OFFERED = 4;

/** A layout's signature: its header row's words, spaced and cased alike. */
export function headerSignature(cells: readonly string[]): string {
  return cells.map((c) => squash(c).toLowerCase()).join(' | ');
}

type TableBlock = Extract<SourceBlock, { type: 'table' }>;

/** The row of a table that a kept mapping names as its header (by its words), if any. */
function mappedHeader(block: TableBlock, mappings: ReadonlyMap<string, ColumnMapping>) {
  const rows = block.rows.slice(0, HEADER_ROWS_OFFERED);
  const index = rows.findIndex((r) => mappings.has(headerSignature(r.cells)));
  return index < 0 ? null : index;
}

/**
 * Why a column has its role: a person chose it, its heading's words name it, what its cells
 * hold shows it (with what they showed), or nothing does (`none`: it is not read).
 */
export type RoleSource =
  | { from: 'chosen' }
  | { from: 'heading' }
  | { from: 'cells'; reason: ContentReason }
  | { from: 'none' };

/** One column as the mapping page shows it: the role the importer uses and why. */
export interface ColumnView {
  index: number;
  heading: string;
  role: ChosenRole;
  source: RoleSource;
  samples: string[];
}

/** The role of each column as the interpreter reads the table, and why. */
function columnRoles(
  block: TableBlock,
  headerRow: number | null,
  found: ColumnMap | null,
  mapping: ColumnMapping | undefined,
): Map<number, { role: ChosenRole; source: RoleSource }> {
  const out = new Map<number, { role: ChosenRole; source: RoleSource }>();
  const base: ColumnMap = new Map();
  mapping?.roles.forEach((role, i) => {
    if (role === 'auto') return;
    base.set(i, role);
    out.set(i, { role, source: { from: 'chosen' } });
  });
  if (!mapping)
    for (const [i, role] of found ?? []) {
      base.set(i, role);
      out.set(i, { role, source: { from: 'heading' } });
    }
  if (headerRow === null || (!mapping && !found)) return out;
  for (const [i, { role, reason }] of rolesFromContent(base, block.rows, headerRow + 1))
    out.set(i, { role, source: { from: 'cells', reason } });
  return out;
}

/** One table layout as the mapping page shows it. */
export interface LayoutView {
  signature: string;
  /** 1-based numbers of the tables in this layout, and where the first is. */
  tables: number[];
  where: SourceLocation;
  /** The first rows of its first table, any of which may be the header. */
  rows: Array<{ index: number; cells: string[]; signature: string }>;
  headerRow: number | null;
  columns: ColumnView[];
  /** Whether a mapping a person chose reads this layout. */
  chosen: boolean;
}

/**
 * Every table layout of the document: its header row (the one a kept mapping names, else the
 * first the importer recognises, else none), each column's role and a few of its cells.
 * Tables with the same header words are one layout.
 */
export function describeLayouts(
  doc: ExtractedDocument,
  mappings: ReadonlyMap<string, ColumnMapping>,
): LayoutView[] {
  const out: LayoutView[] = [];
  let table = 0;
  for (const block of doc.blocks) {
    if (block.type !== 'table') continue;
    table++;
    if (block.rows.length === 0) continue;
    const mapped = mappedHeader(block, mappings);
    const recognised = block.rows
      .slice(0, HEADER_ROWS_OFFERED)
      .findIndex((r) => headerMap(r.cells) !== null);
    const headerRow = mapped ?? (recognised < 0 ? null : recognised);
    const header = headerRow === null ? null : block.rows[headerRow];
    const signature = header ? headerSignature(header.cells) : `table ${table}`;
    const same = out.find((l) => l.signature === signature);
    if (same) {
      same.tables.push(table);
      continue;
    }
    const mapping = mappings.get(signature);
    const found = header ? headerMap(header.cells) : null;
    const width = Math.max(...block.rows.map((r) => r.cells.length));
    const below = block.rows.slice((headerRow ?? -1) + 1);
    const roles = columnRoles(block, headerRow, found, mapping);
    out.push({
      signature,
      tables: [table],
      where: block.where,
      rows: block.rows.slice(0, HEADER_ROWS_OFFERED).map((r, index) => ({
        index,
        cells: r.cells.map((c) => truncate(c, 40)),
        signature: headerSignature(r.cells),
      })),
      headerRow,
      chosen: mapping !== undefined,
      columns: Array.from({ length: width }, (_, index) => ({
        index,
        heading: header ? squash(header.cells[index] ?? '') : '',
        role: roles.get(index)?.role ?? 'auto',
        source: roles.get(index)?.source ?? { from: 'none' },
        samples: below
          .map((r) => squash(r.cells[index] ?? ''))
          .filter(Boolean)
          .slice(0, 3)
          .map((c) => truncate(c, 60)),
      })),
    });
  }
  return out;
}

/** A row with the mapping's header words written in, ignored columns left out. */
function rewriteRow(row: SourceRow, roles: ChosenRole[], asHeader: boolean): SourceRow {
  const cells = row.cells.flatMap((cell, i) => {
    const role = roles[i] ?? 'auto';
    if (role === 'ignore') return [];
    if (!asHeader || role === 'auto') return [cell];
    return [HEADER_WORDS[role]];
  });
  return { ...row, cells };
}

/**
 * The document as the person's mappings read it: in each table whose header row a mapping
 * names, the rows above it become text (titles), that row and its repeats carry the header
 * words of the chosen roles, and ignored columns are left out. Other tables are unchanged.
 */
export function applyMappings(
  doc: ExtractedDocument,
  mappings: ReadonlyMap<string, ColumnMapping>,
): ExtractedDocument {
  if (mappings.size === 0) return doc;
  const blocks = doc.blocks.flatMap((block): SourceBlock[] => {
    if (block.type !== 'table') return [block];
    const at = mappedHeader(block, mappings);
    if (at === null) return [block];
    const header = block.rows[at];
    const signature = headerSignature(header?.cells ?? []);
    const roles = mappings.get(signature)?.roles ?? [];
    const titles = block.rows
      .slice(0, at)
      .map((r) => ({ type: 'text' as const, text: squash(r.cells.join(' ')), where: r.where }))
      .filter((t) => t.text);
    const rows = block.rows
      .slice(at)
      .map((r) => rewriteRow(r, roles, headerSignature(r.cells) === signature));
    return [...titles, { ...block, rows }];
  });
  return { ...doc, blocks };
}
