import type { SourceLocation, SourceRow } from '../import.types.js';
import type { DraftBuilder } from './draft-builder.js';
import { type ColumnMap, headerMap, indexOf } from './headers.js';

// PDF extraction sometimes loses a heading and shifts the others one column to the left
// (seed 002: "Action | By When? | By Whom? | Cost/Resources required | | " over rows whose
// last column holds the costs). A column whose every cell reads as a cost is the cost column.

/** Words that say a cell is about cost: an amount, "no additional cost", "funded". */
export const COST_LIKE = /£\s?\d|\bcosts?\b|\bno additional\b|\bfunded\b|\bbudget\b/i;
const LOOKAHEAD = 200;

const costLike = (cells: string[]) =>
  cells.length > 0 && cells.filter((c) => COST_LIKE.test(c)).length * 2 > cells.length;

/**
 * The header's column map realigned by the content of the rows it heads (until the next
 * header), or the map unchanged when nothing is clearly out of place. When the realigned
 * cost column leaves the old one, that one and any unnamed columns up to the new one hold the
 * status update (if the table names no update column). Warns at the header when it moves.
 */
export function realignByContent(
  map: ColumnMap,
  rows: readonly SourceRow[],
  from: number,
  header: { where: SourceLocation; text: string },
  draft: DraftBuilder,
): ColumnMap {
  const below: string[][] = [];
  for (let i = from; i < rows.length && below.length < LOOKAHEAD; i++) {
    const cells = rows[i]?.cells ?? [];
    if (headerMap(cells)) break;
    below.push(cells);
  }
  const column = (col: number) => below.map((r) => (r[col] ?? '').trim()).filter(Boolean);
  const costCol = indexOf(map, 'cost');
  if (costCol < 0 || costLike(column(costCol))) return map;
  const width = Math.max(0, ...below.map((r) => r.length));
  let target = -1;
  for (let col = costCol + 1; col < width; col++)
    if (!map.has(col) && costLike(column(col))) target = col;
  if (target < 0) return map;
  const out: ColumnMap = new Map();
  const hasUpdate = indexOf(map, 'update') >= 0;
  for (let col = 0; col < width || col < Math.max(...map.keys()) + 1; col++) {
    const role = map.get(col);
    if (col === target) out.set(col, 'cost');
    else if (col >= costCol && col < target && !hasUpdate && (col === costCol || !role))
      out.set(col, 'update');
    else if (role && role !== 'cost') out.set(col, role);
  }
  const updates =
    target - costCol > 1 ? `columns ${costCol + 1}-${target}` : `column ${costCol + 1}`;
  draft.warn(
    'columns-realigned',
    `The columns under this header were realigned by their content: column ${target + 1} holds the costs` +
      (hasUpdate ? '.' : `, and ${updates} the status update.`) +
      ' Please check.',
    header.where,
    header.text,
  );
  return out;
}
