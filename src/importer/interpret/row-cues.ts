import { type ColumnMap, indexOf } from './headers.js';
import type { Cells, RowRecord } from './records.types.js';
import { listItems } from './text-join.js';

// What a plan table row's words say about its place: the ref it starts, a theme's heading,
// a continuation of the row above, a section's category. Plain functions of the row (and of
// the record still open above it); the reading itself is in plan-table.ts.

const REF_CELL = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$/;
const REF_PREFIX = /^(\d{1,3}(?:\.\d{1,3}){0,2})[.)]?\s+(?=\S)/;

/**
 * The row's ref, from a Ref column or the start of the recommendation/action cell ("1.1
 * Do..."); a ref taken from the start of a cell is removed from `byRole`.
 */
export function takeRef(byRole: Cells, cells: string[], map: ColumnMap): string | null {
  const refCol = indexOf(map, 'ref');
  if (refCol >= 0) {
    const m = REF_CELL.exec((cells[refCol] ?? '').trim());
    if (m?.[1]) return m[1];
    if (refCol === 0 && (cells[0] ?? '').trim() && !byRole.ref) return null;
  }
  for (const role of ['recommendation', 'action'] as const) {
    const text = byRole[role];
    const m = text ? REF_PREFIX.exec(text) : null;
    if (text && m?.[1]) {
      byRole[role] = text.slice(m[0].length);
      return m[1];
    }
    if (text) break;
  }
  return null;
}

/** Whether a lone first cell reads as a theme's heading rather than the end of `open`'s text. */
export function isThemeLine(text: string, afterHeader: boolean, open: RowRecord | null): boolean {
  const t = text.trim();
  if (!/^[A-Z]/.test(t) || t.length > 120 || /[.;:,]$/.test(t)) return false;
  // Just after a page break, a lone first cell usually finishes the row above.
  const openText = open?.cells.recommendation ?? '';
  return !(afterHeader && openText && !/[.!?]$/.test(openText.trim()));
}

/**
 * Whether the row carries on `rec`'s lists. A recommendation whose action cell is a bulleted
 * list lists its actions in cells, not rows: a following row without a recommendation of its
 * own carries on those lists.
 */
export function continuesList(rec: RowRecord | null, byRole: Cells): boolean {
  if (rec?.kind !== 'recommendation' || byRole.recommendation) return false;
  const action = rec.cells.action ?? '';
  return /^\s*[•·]/m.test(action) && listItems(action).length > 1;
}

/** A row whose first words are lower case ("agreement, any agreed") finishes the row above. */
export function startsLowerCase(byRole: Cells): boolean {
  const first = byRole.recommendation ?? byRole.action ?? '';
  return /^[a-z]/.test(first.trim());
}

/** A section's category from its title: "Priority and immediate action", "Further improvement". */
export function categoryOf(title: string): 'priority' | 'improvement' | null {
  if (/priority|immediate/i.test(title)) return 'priority';
  if (/improvement|further/i.test(title)) return 'improvement';
  return null;
}
