import { addMeasures } from './measures.js';
import { measuresFromTable } from './comparison-table.js';
import { costsFromCell, noCostAnswer, zeroCost } from './costs.js';
import { addUpdates } from './assemble-updates.js';
import { type Action, type DraftBuilder, optional, required } from './draft-builder.js';
import { type Lead, sentencesInLeads } from './leads.js';
import { ragCode } from './rag.js';
import { tie } from './records.js';
import type { RowRecord } from './records.types.js';
import { squash } from './text-join.js';

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

/** What an action takes from its own part of the row, beside the record's cells. */
export interface Own {
  text: string;
  lead: string;
  due: string;
  /** No "no lead" warning: the row's leads are listed but could not be paired (warned once). */
  quietNoLead?: boolean;
  /** Who wrote the update when the action has no lead of its own. */
  author?: string;
  /** Words put before each of its updates ("Update on recommendation 2 as a whole: "). */
  updateLabel?: string;
  /** The status its row gave an earlier action split from it, when its own cells give none. */
  status?: string | null;
}

/**
 * Adds one action made from a record (and its own text, lead and date), with its updates,
 * costs and measures, and the warnings about what it lacks. Returns the action's status.
 */
export function addAction(
  rec: RowRecord,
  recId: string | null,
  draft: DraftBuilder,
  ctx: AssemblyContext,
  own: Own,
): string | null {
  const id = draft.id('act');
  const concerns = { kind: 'action' as const, id };
  tie(rec, concerns);
  const leads = mergeLeads(draft.leads(own.lead), ...rec.measures.map((m) => draft.leads(m.lead)));
  const sentences = sentencesInLeads(own.lead);
  if (sentences.length > 0)
    draft.warn(
      'lead-not-a-person',
      'The lead column holds words that read as a sentence, not a person, role, team or board, so they were not made a lead. Please check the lead.',
      rec.where,
      sentences.join(' | '),
      concerns,
    );
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
    !rec.statusChosen &&
    rec.cells.update !== undefined &&
    rec.cells.update.trim().length <= 12 &&
    ragCode(rec.cells.update, ctx.statusCodes) !== null;
  const rag = strayRag ? rec.cells.update : rec.cells.rag;
  const status = rag ? ragCode(rag, ctx.statusCodes) : null;
  if (rec.cells.rag && !status)
    draft.warn(
      'status-unknown',
      `"${squash(rec.cells.rag)}" is not a status of the plan's RAG scheme.`,
      rec.where,
      rec.cells.rag,
      concerns,
    );
  const due = draft.due(own.due, rec.where, concerns);
  const read = addUpdates(draft, {
    actionId: id,
    concerns,
    where: rec.where,
    ragStatus: status ?? own.status ?? null,
    update: strayRag ? '' : (rec.cells.update ?? ''),
    label: own.updateLabel ?? '',
    author: leads[0]?.name ?? own.author ?? '',
    statusCodes: ctx.statusCodes,
    updateDate: ctx.updateDate,
  });
  const action: Action = {
    id,
    recommendationId: recId,
    themeId: recId ? null : rec.themeId,
    ref: rec.ref,
    text: required(text, `Action ${rec.ref ?? ''}`.trim()),
    outcomes: optional(rec.cells.outcome ?? rec.cells.target ?? ''),
    leads,
    due,
    status: read.status,
    evidence: optional([rec.cells.evidence ?? '', ...read.evidence].join('\n')),
  };
  draft.actions.push(action);
  if (rec.cells.cost) {
    const costs = costsFromCell(rec.cells.cost, id, null, draft);
    draft.costs.push(...costs);
    // "No additional cost" is an answer: £0, its words kept when it says more. Other words
    // with no amount ("TBC", "As above") are kept in a warning rather than guessed or dropped.
    const answer = costs.length === 0 ? noCostAnswer(rec.cells.cost) : null;
    if (answer === 'with words') draft.costs.push(...zeroCost(rec.cells.cost, id, draft));
    else if (costs.length === 0 && !answer && rec.cells.cost.trim()) {
      draft.warn(
        'cost-no-amount',
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
  return action.status;
}
