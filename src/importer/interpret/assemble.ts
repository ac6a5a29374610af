import { type AssemblyContext, addAction } from './assemble-action.js';
import { actionsFromLists } from './assemble-lists.js';
import { measuresFromTable } from './comparison-table.js';
import { type DraftBuilder, required } from './draft-builder.js';
import { tie } from './records.js';
import type { RowRecord } from './records.types.js';
import { sortStatusCells } from './status-cells.js';
import { listItems } from './text-join.js';

// Assembly in three parts: here the records in order (recommendations, then actions); one
// action with its update, costs and measures in assemble-action.ts; a recommendation row
// whose action cell lists several actions in assemble-lists.ts.

/** Turns the rows read from plan tables into recommendations, actions, measures and costs. */
export function assemble(records: RowRecord[], draft: DraftBuilder, ctx: AssemblyContext): void {
  for (const rec of records) {
    const written = rec.cells.rag ?? '';
    const sorted = sortStatusCells(rec.cells, ctx.statusCodes);
    rec.cells = sorted.cells;
    if (sorted.ambiguity)
      rec.warnings = [
        ...(rec.warnings ?? []),
        draft.warn('status-conflict', sorted.ambiguity, rec.where, written),
      ];
  }
  const recIds = new Map<RowRecord, string>();
  for (const rec of records) {
    if (rec.kind !== 'recommendation') continue;
    const id = draft.id('rec');
    const concerns = { kind: 'recommendation' as const, id };
    recIds.set(rec, id);
    tie(rec, concerns);
    const section = draft.sections.find((s) => s.id === rec.sectionId);
    const text = rec.cells.recommendation ?? rec.cells.action ?? '';
    draft.scan(text, rec.where, concerns);
    draft.recommendations.push({
      id,
      ref: rec.ref,
      text: required(text, `Recommendation ${rec.ref ?? ''}`.trim()),
      category: section?.category ?? null,
      judgementArea: null,
      sectionId: rec.sectionId,
      themeId: rec.themeId,
      leads: draft.leads(rec.cells.lead ?? '').slice(0, 50),
      due: rec.cells.recommendation ? null : draft.due(rec.cells.due ?? '', rec.where, concerns),
    });
    for (const table of rec.tables ?? [])
      draft.measures.push(
        ...measuresFromTable(table, draft, {
          actionIds: [],
          recommendationIds: [id],
          context: `${text} ${rec.cells.target ?? ''}`,
        }),
      );
    // A recommendation row that also holds the action columns (one row per recommendation).
    if (rec.cells.recommendation && (rec.cells.action || rec.cells.target || rec.cells.update)) {
      actionsFromLists(rec, id, draft, ctx);
    }
  }
  for (const rec of records) {
    if (rec.kind !== 'action') continue;
    const recId = rec.parent ? (recIds.get(rec.parent) ?? null) : null;
    const items = listItems(rec.cells.action ?? '');
    const leads = listItems(rec.cells.lead ?? '');
    const dates = listItems(rec.cells.due ?? '');
    // An unnumbered row listing several actions, each with its own lead and date, is several.
    if (
      !rec.ref &&
      rec.measures.length === 0 &&
      items.length > 1 &&
      items.length === leads.length &&
      items.length === dates.length
    ) {
      let rowStatus: string | null = null;
      items.forEach((text, i) => {
        const first = i === 0;
        const part = { ...rec, cells: first ? rec.cells : statusOnly(rec) };
        const status = addAction(first ? part : { ...part, tables: undefined }, recId, draft, ctx, {
          text,
          lead: leads[i] ?? '',
          due: dates[i] ?? '',
          status: rowStatus,
        });
        if (first) rowStatus = status;
      });
      continue;
    }
    addAction(rec, recId, draft, ctx, {
      text: rec.cells.action ?? '',
      lead: rec.cells.lead ?? '',
      due: rec.cells.due ?? listItems(rec.measures[0]?.due ?? '')[0] ?? '',
    });
  }
}

/**
 * Links actions to the recommendation their workstream serves when the source maps exactly
 * one recommendation to that workstream ("Related Ofsted Recommendations"). Where a
 * workstream serves several, the source does not say which action serves which, so the
 * action stays under its workstream.
 */
export function linkByWorkstream(draft: DraftBuilder): void {
  for (const action of draft.actions) {
    if (action.recommendationId || !action.themeId) continue;
    const theme = draft.themes.find((t) => t.id === action.themeId);
    if (theme?.kind !== 'workstream') continue;
    const recs = draft.recommendations.filter((r) => r.themeId === theme.id);
    if (recs.length !== 1 || !recs[0]) continue;
    action.recommendationId = recs[0].id;
    action.themeId = null;
  }
}

// Split actions share the row's status (its RAG cell, or what the first's update states);
// its evidence and update stay with the first only.
function statusOnly(rec: RowRecord): RowRecord['cells'] {
  return rec.cells.rag ? { rag: rec.cells.rag } : {};
}
