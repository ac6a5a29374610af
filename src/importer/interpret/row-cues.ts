import { type ColumnMap, actionRefIndex } from './headers.js';
import type { Cells, RowRecord } from './records.types.js';
import { dropLabel } from './cell-sections.js';
import { type RefKind, refCell, refKind, refPrefix } from './refs.js';
import { listItems } from './text-join.js';

// What a plan table row's words say about its place: the ref it starts, a theme's heading,
// a continuation of the row above, a section's category. Plain functions of the row (and of
// the record still open above it); the reading itself is in plan-table.ts.

/** The records a row starts: none, one, or a recommendation and the first of its actions. */
export interface RowStart {
  kind: RefKind;
  ref: string | null;
  cells: Cells;
}

function norm(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * What a row starts, from a reference column or the reference opening the recommendation
 * or action cell ("1.1 Action", "a) Appoint", "Recommendation 2: ..."), kept as written and
 * removed from the cell. A row holding both a recommendation and a referenced action starts
 * both, unless the recommendation is the one already open (a list export repeats it on every
 * row, a merged cell leaves it blank). Returns [] when the row names no reference.
 */
export function rowStarts(
  byRole: Cells,
  cells: string[],
  map: ColumnMap,
  openRecText: string | null,
): RowStart[] {
  const actionCol = actionRefIndex(map);
  const refCol = [...map].find(([i, r]) => r === 'ref' && i !== actionCol)?.[0] ?? -1;
  const colCell = refCol >= 0 ? (cells[refCol] ?? '').trim() : '';
  const colRef = colCell ? refCell(colCell) : null;
  if (refCol === 0 && colCell && !colRef && !byRole.ref) return [];
  const colKind = colRef ? refKind(colRef, byRole.recommendation ? 'recommendation' : null) : null;
  const take = (role: 'recommendation' | 'action'): string | null => {
    const text = byRole[role];
    const found = text ? refPrefix(text) : null;
    if (!text || !found) return null;
    // Beside a reference column, a cell's own prefix counts only when it is of the other
    // kind: the recommendation's number beside an action's, an action's beside a row's.
    if (colKind === 'recommendation' && role === 'recommendation') return null;
    if (colKind && role === 'action' && refKind(found.ref, role) !== 'action') return null;
    byRole[role] = found.rest;
    return found.ref;
  };
  const recRef = take('recommendation');
  // A column of the actions' own references ("Action ref") beside the row's gives it, in
  // whatever shape it is written ("4(ii)"): its heading says it is a reference.
  const ownCell = actionCol >= 0 ? (cells[actionCol] ?? '').trim() : '';
  const ownRef = refCell(ownCell) ?? (/^\S{1,12}$/.test(ownCell) ? ownCell : null);
  const actRef = ownRef ?? (byRole.action ? take('action') : null);
  for (const role of ['recommendation', 'action'] as const)
    if (byRole[role]) byRole[role] = dropLabel(byRole[role] ?? '');

  const actionRef = actRef ?? (colKind === 'action' ? colRef : null);
  if (byRole.recommendation && byRole.action && actionRef) {
    const { recommendation, ...rest } = byRole;
    const starts: RowStart[] = [];
    if (norm(recommendation) !== norm(openRecText ?? ''))
      starts.push({
        kind: 'recommendation',
        ref: recRef ?? (colKind === 'recommendation' ? colRef : null),
        cells: { recommendation },
      });
    starts.push({ kind: 'action', ref: actionRef, cells: rest });
    return starts;
  }
  const ref = colRef ?? recRef ?? actRef;
  if (!ref) return [];
  const from = colRef ? null : recRef ? 'recommendation' : 'action';
  const kind = refKind(ref, from ?? (byRole.recommendation ? 'recommendation' : null));
  // One column holds recommendations and actions ("Recommendation / Action"): the
  // reference says which this row is.
  if (kind === 'action' && byRole.recommendation && !byRole.action) {
    byRole.action = byRole.recommendation;
    delete byRole.recommendation;
  }
  return [{ kind, ref, cells: byRole }];
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

/**
 * A fragment left by a page break finishes the row above, never becomes an action: one or
 * two words ("Conferences.") or words closing a bracket they never opened ("Team)"), with no
 * lead or date of their own (a stray fragment of a word beside them does not count).
 */
export function isFragment(byRole: Cells): boolean {
  const t = (byRole.action ?? byRole.recommendation ?? '').trim();
  if (!t) return false;
  const own = [byRole.lead, byRole.due].some(
    (c) => c && (c.trim().split(/\s+/).length > 1 || /\d/.test(c)),
  );
  if (own) return false;
  const unbalanced = (t.match(/\)/g)?.length ?? 0) > (t.match(/\(/g)?.length ?? 0);
  return unbalanced || t.split(/\s+/).length <= 2;
}

/** A continuation's cells for the open record: in a column of recommendations and actions, an action's words go on its text. */
export function asContinuation(open: RowRecord, byRole: Cells): Cells {
  if (
    open.kind !== 'action' ||
    !byRole.recommendation ||
    byRole.action ||
    open.cells.recommendation
  )
    return byRole;
  const { recommendation, ...rest } = byRole;
  return { ...rest, action: recommendation };
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

const PAGE_NUMBER = /^(page\s+\d+(\s*(of|\/)\s*\d+)?|\d+\s*(of|\/)\s*\d+)$/i;

/**
 * A page's running header or footer caught in a table's rows ("Plan title | Page 2 of 3"):
 * at most two filled cells, one of them a page number. Never part of the plan.
 */
export function isPageFurniture(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length <= 2 && filled.some((c) => PAGE_NUMBER.test(c));
}
