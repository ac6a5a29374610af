import type { SourceLocation } from '../import.types.js';
import type { ColumnRole } from './headers.js';
import type { Cells, RowRecord } from './records.types.js';
import { joinListText, joinText } from './text-join.js';

/** Ties the warnings raised while reading a record to the draft item it became. */
export function tie(
  rec: RowRecord,
  concerns: { kind: 'recommendation' | 'action'; id: string },
): void {
  for (const w of rec.warnings ?? []) w.concerns ??= concerns;
  rec.warnings = [];
}

const MEASURE_ROLES: ColumnRole[] = ['measure', 'lead', 'due'];

/** Cells of a row by role, empty cells left out. */
export function cellsByRole(cells: string[], map: Map<number, ColumnRole>): Cells {
  const out: Cells = {};
  // A role may span several columns (a cell split by the extraction): their texts join.
  for (const [i, role] of [...map].sort((a, b) => a[0] - b[0])) {
    const text = (cells[i] ?? '').trim();
    if (text && role !== 'ignore') out[role] = out[role] ? `${out[role]} ${text}` : text;
  }
  return out;
}

/** Puts a row's measure, lead and date on the record as a new measure row. */
export function addMeasureRow(rec: RowRecord, cells: Cells, where: SourceLocation): void {
  if (!cells.measure && !cells.lead && !cells.due) return;
  rec.measures.push({
    text: cells.measure ?? '',
    lead: cells.lead ?? '',
    due: cells.due ?? '',
    where,
  });
}

/**
 * Joins a row cut by a page break onto the record it continues. Measure cells start a new
 * measure row when the continuation brings its own lead or date and the last one had both.
 */
export function continueRecord(
  rec: RowRecord,
  cells: Cells,
  where: SourceLocation,
  hasMeasures: boolean,
): void {
  for (const [role, text] of Object.entries(cells) as Array<[ColumnRole, string]>) {
    if (hasMeasures && MEASURE_ROLES.includes(role)) continue;
    const join = role === 'lead' || role === 'due' ? joinListText : joinText;
    rec.cells[role] = join(rec.cells[role] ?? '', text);
  }
  if (!hasMeasures) return;
  const last = rec.measures[rec.measures.length - 1];
  const bringsOwn = Boolean(cells.lead || cells.due);
  if (!last || (bringsOwn && (last.lead || last.due))) {
    addMeasureRow(rec, cells, where);
    return;
  }
  if (cells.measure) last.text = joinText(last.text, cells.measure);
  if (cells.lead) last.lead = joinText(last.lead, cells.lead);
  if (cells.due) last.due = joinText(last.due, cells.due);
}
