import { type Action, type DraftBuilder, optional, required } from './draft-builder.js';
import type { Lead } from './leads.js';
import { addMeasures } from './measures.js';
import { ragCode } from './rag.js';
import { tie } from './records.js';
import type { RowRecord } from './records.types.js';
import { measuresFromTable } from './comparison-table.js';
import { costsFromCell } from './costs.js';
import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { sortStatusCells } from './status-cells.js';
import { listItems, squash } from './text-join.js';

/** Facts the assembly needs from elsewhere in the document. */
export interface AssemblyContext {
  statusCodes: Set<string>;
  /** ISO date the updates were written (the plan's own date), if known. */
  updateDate: string | null;
}

function mergeLeads(...lists: Lead[][]): Lead[] {
  const out: Lead[] = [];
  for (const lead of lists.flat())
    if (!out.some((l) => l.name.toLowerCase() === lead.name.toLowerCase())) out.push(lead);
  return out.slice(0, 50);
}

/** Turns the rows read from plan tables into recommendations, actions, measures and costs. */
export function assemble(records: RowRecord[], draft: DraftBuilder, ctx: AssemblyContext): void {
  for (const rec of records) {
    const written = rec.cells.rag ?? '';
    const sorted = sortStatusCells(rec.cells, ctx.statusCodes);
    rec.cells = sorted.cells;
    if (sorted.ambiguity)
      rec.warnings = [
        ...(rec.warnings ?? []),
        draft.warn('ambiguous', sorted.ambiguity, rec.where, written),
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
      items.forEach((text, i) => {
        const first = i === 0;
        const part = { ...rec, cells: first ? rec.cells : statusOnly(rec) };
        addAction(first ? part : { ...part, tables: undefined }, recId, draft, ctx, {
          text,
          lead: leads[i] ?? '',
          due: dates[i] ?? '',
        });
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

// A recommendation row whose action cell is a list: one action per item. Neighbouring lead
// and date lists pair item by item when the counts agree; a single lead or date applies to
// every item; other counts cannot be paired honestly, so they stay with the recommendation
// (leads) or in a warning (dates) for a person to pair.
function actionsFromLists(
  rec: RowRecord,
  recId: string,
  draft: DraftBuilder,
  ctx: AssemblyContext,
): void {
  const items = listItems(rec.cells.action ?? '');
  const dates = listItems(rec.cells.due ?? '');
  const leads = listItems(rec.cells.lead ?? '');
  if (items.length <= 1) {
    oneActionFromLists(rec, recId, draft, ctx, dates);
    return;
  }
  const name = `Recommendation ${rec.ref ?? ''}`.replace(/ $/, '');
  const leadOf = pairing(items.length, leads, draft.leads(rec.cells.lead ?? '').length === 1);
  const dueOf = pairing(items.length, dates, false);
  const whole = (label: string, text: string | undefined) =>
    text ? `${label} ${name.toLowerCase()} as a whole: ${text}` : undefined;
  items.forEach((text, i) => {
    const cells: RowRecord['cells'] = { outcome: rec.cells.target, rag: rec.cells.rag };
    if (i === 0) {
      cells.evidence = whole('Evidence for', rec.cells.evidence);
      cells.update = whole('Update on', rec.cells.update);
    }
    addAction({ ...rec, cells, ref: null, tables: undefined }, recId, draft, ctx, {
      text,
      lead: leadOf(i),
      due: dueOf(i),
      quietNoLead: leadOf(i) === '' && leads.length > 0,
      author: draft.leads(rec.cells.lead ?? '')[0]?.name,
    });
  });
  const unpaired = [
    leadOf(0) === '' && leads.length > 0 ? `${leads.length} leads` : null,
    dueOf(0) === '' && dates.length > 0 ? `${dates.length} completion dates` : null,
  ].filter(Boolean);
  if (unpaired.length === 0) return;
  const unpairedWhat = unpaired.map((u) => (/lead/.test(u ?? '') ? 'lead' : 'date')).join(' and ');
  const kept = [
    leadOf(0) === '' && leads.length > 0 ? 'The leads are kept on the recommendation.' : '',
    dueOf(0) === '' && dates.length > 0 ? `Dates as written: ${dates.join('; ')}.` : '',
  ].filter(Boolean);
  draft.warn(
    'ambiguous',
    [
      `${name} lists ${items.length} actions but ${unpaired.join(' and ')}, so they cannot be paired item by item: please give each action its ${unpairedWhat}.`,
      ...kept,
    ].join(' '),
    rec.where,
    [rec.cells.lead, rec.cells.due].filter(Boolean).join(' | '),
    { kind: 'recommendation', id: recId },
  );
}

/**
 * How the items of a neighbouring list attach to n actions: item by item when the counts
 * agree, the one item (or one lead written several times) to all, otherwise not at all.
 */
function pairing(n: number, list: string[], oneLead: boolean): (i: number) => string {
  if (list.length === n) return (i) => list[i] ?? '';
  const distinct = new Set(list.map((l) => squash(l).toLowerCase()));
  if (list.length > 0 && (distinct.size === 1 || oneLead)) {
    const all = list.join('\n');
    return () => (distinct.size === 1 ? (list[0] ?? '') : all);
  }
  return () => '';
}

// One action from the row. Of several dates, the last one that reads as a date is the due
// date; the rest of the cell is kept with the evidence so nothing written is lost.
function oneActionFromLists(
  rec: RowRecord,
  recId: string,
  draft: DraftBuilder,
  ctx: AssemblyContext,
  dates: string[],
): void {
  const readable = dates.filter((d) => parseFuzzyDate(d).kind !== 'unknown');
  const due = dates.length > 1 ? (readable[readable.length - 1] ?? '') : (rec.cells.due ?? '');
  const cells = { ...rec.cells };
  if (dates.length > 1 || (dates.length === 1 && readable.length === 0)) {
    cells.evidence = [cells.evidence, `Completion dates as written: ${dates.join('; ')}`]
      .filter(Boolean)
      .join('\n');
  }
  addAction({ ...rec, cells, ref: null, tables: undefined }, recId, draft, ctx, {
    text: rec.cells.action ?? '',
    lead: rec.cells.lead ?? '',
    due,
  });
}

interface Own {
  text: string;
  lead: string;
  due: string;
  /** No "no lead" warning: the row's leads are listed but could not be paired (warned once). */
  quietNoLead?: boolean;
  /** Who wrote the update when the action has no lead of its own. */
  author?: string;
}

function addAction(
  rec: RowRecord,
  recId: string | null,
  draft: DraftBuilder,
  ctx: AssemblyContext,
  own: Own,
): void {
  const id = draft.id('act');
  const concerns = { kind: 'action' as const, id };
  tie(rec, concerns);
  const leads = mergeLeads(draft.leads(own.lead), ...rec.measures.map((m) => draft.leads(m.lead)));
  const text = own.text || rec.cells.outcome || rec.cells.target || '';
  draft.scan(Object.values(rec.cells).join('\n'), rec.where, concerns);
  if (leads.length === 0 && !own.quietNoLead)
    draft.warn(
      'no-lead',
      `Action ${rec.ref ?? ''} has no lead.`.replace('  ', ' '),
      rec.where,
      text,
      concerns,
    );
  // Garbled column splits can push a lone RAG word into the next column (the update).
  const strayRag =
    !rec.cells.rag &&
    rec.cells.update !== undefined &&
    rec.cells.update.trim().length <= 12 &&
    ragCode(rec.cells.update, ctx.statusCodes) !== null;
  const rag = strayRag ? rec.cells.update : rec.cells.rag;
  const status = rag ? ragCode(rag, ctx.statusCodes) : null;
  if (rec.cells.rag && !status)
    draft.warn(
      'ambiguous',
      `"${squash(rec.cells.rag)}" is not a status of the plan's RAG scheme.`,
      rec.where,
      rec.cells.rag,
      concerns,
    );
  let evidence = rec.cells.evidence ?? '';
  const update = strayRag ? '' : (rec.cells.update ?? '');
  const action: Action = {
    id,
    recommendationId: recId,
    themeId: recId ? null : rec.themeId,
    ref: rec.ref,
    text: required(text, `Action ${rec.ref ?? ''}`.trim()),
    outcomes: optional(rec.cells.outcome ?? rec.cells.target ?? ''),
    leads,
    due: draft.due(own.due, rec.where, concerns),
    status,
    evidence: null,
  };
  if (update) {
    if (ctx.updateDate) {
      draft.updates.push({
        id: draft.id('update'),
        actionId: id,
        date: ctx.updateDate,
        author: required(leads[0]?.name ?? own.author ?? '', 'Action lead', 200),
        text: required(update, 'Update'),
        proposedStatus: status,
        evidence: [],
      });
    } else {
      // Without a date an update cannot be stored as one; keep the words with the evidence.
      evidence = `${evidence}\nUpdate: ${update}`.trim();
      draft.warn(
        'ambiguous',
        'A progress update has no date; it was kept with the evidence.',
        rec.where,
        update,
        concerns,
      );
    }
  }
  action.evidence = optional(evidence);
  draft.actions.push(action);
  if (rec.cells.cost) {
    const costs = costsFromCell(rec.cells.cost, id, null, draft);
    draft.costs.push(...costs);
    // "No additional cost", "Within existing budget", "TBC": words, not an amount. Kept in a
    // warning rather than guessed as £0 or dropped.
    if (costs.length === 0 && rec.cells.cost.trim()) {
      draft.warn(
        'ambiguous',
        'The cost column has words but no amount in pounds, so no cost was recorded; the words are kept here. Add a cost if there is one.',
        rec.where,
        rec.cells.cost,
        concerns,
      );
    }
  }
  addMeasures(rec.measures, id, draft);
  for (const table of rec.tables ?? [])
    draft.measures.push(
      ...measuresFromTable(table, draft, {
        actionIds: [id],
        recommendationIds: [],
        context: `${text} ${rec.cells.outcome ?? ''}`,
      }),
    );
}

// Split actions share the row's status; its evidence and update stay with the first only.
function statusOnly(rec: RowRecord): RowRecord['cells'] {
  return rec.cells.rag ? { rag: rec.cells.rag } : {};
}
