import type { SourceLocation, SourceRow } from '../import.types.js';
import type { DraftBuilder } from './draft-builder.js';
import { type ColumnMap, headerMap, indexOf, repeatsHeader } from './headers.js';
import { addMeasureRow, cellsByRole, continueRecord } from './records.js';
import type { Cells, RowRecord } from './records.types.js';
import { InRowTables } from './comparison-table.js';
import { splitSubHeadings } from './cell-sections.js';
import { inferByContent } from './column-content.js';
import { refNumber, type RefKind } from './refs.js';
import {
  asContinuation,
  categoryOf,
  continuesList,
  isFragment,
  isPageFurniture,
  isThemeLine,
  rowStarts,
  startsLowerCase,
} from './row-cues.js';
import { realignByContent } from './realign.js';
import { squash } from './text-join.js';
import { WorkstreamReader, themeNamed } from './workstreams.js';

// A recommendation written as a heading or paragraph above the table of its actions.
const REC_HEADING = /^((?:recommendation|rec\.?)\s*(?:\d{1,3}|[ivx]{1,5}))\s*[:.\-–]\s*(\S.*)$/i;
// A numbered paragraph ("2. Strengthen the oversight of ...") straight above a table: in a
// statement of action, the recommendation that table answers.
const NUMBERED_PARAGRAPH = /^(\d{1,2}|[a-z]|[ivx]{1,5})[.)]\s+(\S.{19,})$/i;
const SECTION = /^section\s+(one|two|three|four|five|\d+)\b[\s:.–-]*(.*)$/i;

/** Reads plan tables row by row, remembering the columns, section, theme and open record. */
export class PlanTableReader {
  map: ColumnMap | null = null;
  records: RowRecord[] = [];
  private afterHeader = false;
  private sectionId: string | null = null;
  private themeId: string | null = null;
  private pendingSection: { id: string; ref: string } | null = null;
  private current: RowRecord | null = null;
  private currentRec: RowRecord | null = null;
  private readonly figureTables = new InRowTables();
  private headerCells: string[] | null = null;
  private headerWhere: { where: SourceLocation; text: string } | null = null;
  private rawHeader: ColumnMap | null = null;
  private headerWidth: number | null = null;

  readonly workstreams: WorkstreamReader;

  constructor(private readonly draft: DraftBuilder) {
    this.workstreams = new WorkstreamReader(draft);
  }

  /**
   * A heading line outside tables: "Section One", its title line, a recommendation written
   * above its table (a numbered paragraph counts when a table follows it), or nothing.
   */
  heading(text: string, where: SourceLocation, beforeTable = false): boolean {
    const t = squash(text.replace(/[*#_]/g, ''));
    const m = SECTION.exec(t);
    if (m) {
      const id = this.draft.id('section');
      const title = m[2] ?? '';
      this.draft.sections.push({
        id,
        ref: m[1] ?? null,
        title: title || `Section ${m[1] ?? ''}`,
        category: categoryOf(title),
      });
      this.sectionId = id;
      this.themeId = null;
      this.pendingSection = title ? null : { id, ref: m[1] ?? '' };
      return true;
    }
    const rec = REC_HEADING.exec(t) ?? (beforeTable ? NUMBERED_PARAGRAPH.exec(t) : null);
    if (rec?.[1] && rec[2]) {
      this.addRecord(rec[1], { recommendation: rec[2] }, where, 'recommendation');
      this.pendingSection = null;
      return true;
    }
    if (this.pendingSection && t.length > 0 && t.length < 100) {
      const section = this.draft.sections.find((s) => s.id === this.pendingSection?.id);
      if (section) {
        section.title = t;
        section.category = categoryOf(t);
      }
      this.pendingSection = null;
      return true;
    }
    this.pendingSection = null;
    return false;
  }

  /**
   * A new table begins (in a document that marks where tables end). One with no header row
   * of its own continues the table above only when it has as many columns; a table of
   * another shape (contact details below the plan) is not read by the plan's columns.
   */
  startTable(rows: readonly SourceRow[]): void {
    const first = rows.find((r) => r.cells.some((c) => c.trim()));
    if (!first || headerMap(first.cells) || this.headerWidth === null) return;
    const width = Math.max(...rows.map((r) => r.cells.length));
    if (width === this.headerWidth) return;
    this.map = null;
    this.rawHeader = null;
    this.headerWidth = null;
    this.current = null;
    this.currentRec = null;
  }

  /**
   * Reads one table row; returns false when no header has been seen yet to read it by. The
   * rows that follow (the document's table rows and this row's index among them) let a table
   * of figures inside rows, and columns shifted by the extraction, be seen.
   */
  row(
    row: SourceRow,
    following: { rows: readonly SourceRow[]; at: number } = { rows: [], at: 0 },
  ): boolean {
    const next = following.rows[following.at + 1];
    let cells = row.cells;
    if (cells.every((c) => !c.trim()) || isPageFurniture(cells)) return true;
    if (this.workstreams.row(cells, row.where)) {
      // A workstream's heading rows close the action above and open the workstream's actions.
      this.themeId = this.workstreams.themeId;
      this.current = null;
      this.currentRec = null;
      return true;
    }
    const header = headerMap(cells);
    if (header) {
      this.afterHeader = true;
      // The same header again (repeated on every page or above every action) keeps the
      // columns as read, with the roles their contents showed.
      if (this.rawHeader && repeatsHeader(header, this.rawHeader, cells)) {
        this.figureTables.end();
        return true;
      }
      this.rawHeader = header;
      this.map = header;
      this.afterHeader = true;
      this.figureTables.end();
      this.headerCells = cells;
      this.headerWidth = cells.length;
      this.headerWhere = { where: row.where, text: cells.join(' | ') };
      return true;
    }
    const continued = this.headerContinues(cells);
    // Once the header is complete, the rows it heads can show a column out of place.
    if (this.headerWhere && this.map) {
      const from = following.at + (continued ? 1 : 0);
      this.map = realignByContent(this.map, following.rows, from, this.headerWhere, this.draft);
      this.map = inferByContent(this.map, following.rows, from);
      this.headerWhere = null;
    }
    if (continued) return true;
    if (this.map && this.current) {
      cells = this.figureTables.take(cells, this.map, this.current, row.where, next);
      if (cells.every((c) => !c.trim())) return true;
    }
    const filled = cells.map((c, i) => (c.trim() ? i : -1)).filter((i) => i >= 0);
    if (filled.length === 1 && filled[0] === 0 && this.heading(cells[0] ?? '', row.where))
      return true;
    if (!this.map) return false;
    const map = this.map;
    const byRole = cellsByRole(cells, map);
    const starts = rowStarts(byRole, cells, map, this.currentRec?.cells.recommendation ?? null);
    const ref = starts.length > 0;
    const wasAfterHeader = this.afterHeader;
    this.afterHeader = false;

    if (
      !ref &&
      filled.length === 1 &&
      filled[0] === 0 &&
      isThemeLine(cells[0] ?? '', wasAfterHeader, this.current)
    ) {
      if (!this.workstreams.commitment(cells[0] ?? '')) this.addTheme(cells[0] ?? '');
      return true;
    }
    if (ref) {
      for (const start of starts) this.addRecord(start.ref, start.cells, row.where, start.kind);
    } else if (
      this.current &&
      (wasAfterHeader ||
        startsLowerCase(byRole) ||
        isFragment(byRole) ||
        continuesList(this.current, byRole))
    ) {
      // After a page break, or when the text picks up mid-sentence, the row continues the last
      // (in a column of recommendations and actions, an action's words go on its text).
      const open = this.current;
      continueRecord(open, asContinuation(open, byRole), row.where, this.hasMeasures(open));
    } else if (
      this.current &&
      this.hasMeasures(this.current) &&
      !byRole.action &&
      !byRole.recommendation
    ) {
      addMeasureRow(this.current, byRole, row.where);
      for (const role of ['outcome', 'evidence', 'update', 'rag', 'cost'] as const) {
        const text = byRole[role];
        if (text) this.current.cells[role] = `${this.current.cells[role] ?? ''}\n${text}`.trim();
      }
    } else if (byRole.action || byRole.recommendation) {
      this.addRecord(null, byRole, row.where);
    } else if (this.current) {
      continueRecord(this.current, byRole, row.where, this.hasMeasures(this.current));
    } else {
      this.draft.warn(
        'unplaced-row',
        'This row comes before any recommendation or action.',
        row.where,
        cells.join(' | '),
      );
    }
    this.unmapped(cells, map, row.where);
    return true;
  }

  // A header cut over two rows ("By" / "When?", "Cost/Resources" / "required"): the second
  // row's short cells finish the first's words and name columns it did not.
  private headerContinues(cells: string[]): boolean {
    const above = this.headerCells;
    this.headerCells = null;
    if (!above || !this.map) return false;
    const filled = cells.filter((c) => c.trim());
    if (filled.length === 0 || filled.some((c) => c.trim().length > 25 || /\d/.test(c)))
      return false;
    const merged = above.map((h, i) => `${h} ${cells[i] ?? ''}`.trim());
    const map = headerMap(merged);
    if (!map || map.size <= this.map.size) return false;
    this.map = map;
    this.afterHeader = true;
    return true;
  }

  private hasMeasures(rec: RowRecord): boolean {
    return rec.kind === 'action' && this.map !== null && indexOf(this.map, 'measure') >= 0;
  }

  private addTheme(text: string): void {
    this.themeId = themeNamed(this.draft, text);
  }

  private addRecord(
    ref: string | null,
    byRole: Cells,
    where: SourceLocation,
    kind?: RefKind,
  ): void {
    const isAction = kind ? kind === 'action' : !byRole.recommendation;
    if (isAction) splitSubHeadings(byRole);
    const parent = isAction ? this.parentFor(ref) : null;
    const rec: RowRecord = {
      kind: isAction ? 'action' : 'recommendation',
      ref,
      cells: {},
      measures: [],
      where,
      sectionId: this.sectionId,
      themeId: this.themeId,
      parent,
    };
    const measures = isAction && this.map !== null && indexOf(this.map, 'measure') >= 0;
    for (const [role, text] of Object.entries(byRole) as Array<[keyof Cells, string]>) {
      if (measures && (role === 'measure' || role === 'lead' || role === 'due')) continue;
      rec.cells[role] = text;
    }
    if (measures) addMeasureRow(rec, byRole, where);
    this.records.push(rec);
    this.current = rec;
    if (!isAction) this.currentRec = rec;
  }

  // An action's number names its recommendation ("2.3", "2c", "Action 2.3" are under 2).
  private parentFor(ref: string | null): RowRecord | null {
    const n = ref ? refNumber(ref) : null;
    if (n === null) return this.currentRec;
    const found = [...this.records]
      .reverse()
      .find((r) => r.kind === 'recommendation' && r.ref !== null && refNumber(r.ref) === n);
    return found ?? this.currentRec;
  }

  // Cells under columns with no recognised header must not vanish: they go into a warning.
  private unmapped(cells: string[], map: ColumnMap, where: SourceLocation): void {
    const lost = cells.filter((c, i) => c.trim() && !map.has(i));
    if (!lost.length) return;
    const warning = this.draft.warn(
      'unplaced-row',
      'Some cells are under columns with no recognised heading.',
      where,
      lost.join(' | '),
    );
    // The row went into the open record: the warning is about the item it becomes.
    if (this.current) this.current.warnings = [...(this.current.warnings ?? []), warning];
  }
}
