import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { type AssemblyContext, addAction } from './assemble-action.js';
import type { DraftBuilder } from './draft-builder.js';
import type { RowRecord } from './records.types.js';
import { listItems, squash, truncate } from './text-join.js';

/**
 * A recommendation row whose action cell is a list: one action per item. Neighbouring lead
 * and date lists pair item by item when the counts agree; a single lead or date applies to
 * every item; other counts cannot be paired honestly, so they stay with the recommendation
 * (leads) or in a warning (dates) for a person to pair.
 */
export function actionsFromLists(
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
  const pairedLead = pairing(items.length, leads, draft.leads(rec.cells.lead ?? '').length === 1);
  const pairedDue = pairing(items.length, dates, false);
  // Lists that do not pair: every action takes all the row's leads and its latest date, and
  // one warning for the recommendation says so.
  const leadsUnpaired = pairedLead(0) === '' && leads.length > 0;
  const datesUnpaired = pairedDue(0) === '' && dates.length > 0;
  const latest = latestDate(dates);
  const leadOf = leadsUnpaired ? () => rec.cells.lead ?? '' : pairedLead;
  const dueOf = datesUnpaired ? () => latest : pairedDue;
  const whole = (label: string, text: string | undefined) =>
    text ? `${label} ${name.toLowerCase()} as a whole: ${text}` : undefined;
  // The row's status (its RAG cell, or what its update states) is every item's.
  let rowStatus: string | null = null;
  items.forEach((text, i) => {
    const cells: RowRecord['cells'] = { outcome: rec.cells.target, rag: rec.cells.rag };
    if (i === 0) {
      cells.evidence = whole('Evidence for', rec.cells.evidence);
      cells.update = rec.cells.update;
    }
    const status = addAction({ ...rec, cells, ref: null, tables: undefined }, recId, draft, ctx, {
      text,
      lead: leadOf(i),
      due: dueOf(i),
      author: draft.leads(rec.cells.lead ?? '')[0]?.name,
      updateLabel: `Update on ${name.toLowerCase()} as a whole: `,
      status: rowStatus,
    });
    if (i === 0) rowStatus = status;
  });
  const unpaired = [
    leadsUnpaired ? `${leads.length} leads` : null,
    datesUnpaired ? `${dates.length} completion dates` : null,
  ].filter(Boolean);
  if (unpaired.length === 0) return;
  const given = [
    leadsUnpaired ? `all the row's leads (${leads.map(squash).join('; ')})` : '',
    datesUnpaired
      ? latest
        ? `the row's latest date (${squash(latest)})`
        : "no date, since none of the row's dates could be read"
      : '',
  ].filter(Boolean);
  draft.warn(
    'lists-unpaired',
    `${name} lists ${items.length} actions but ${unpaired.join(' and ')}, which do not pair item by item, so each of its actions was given ${given.join(' and ')}. Please check each action's ${[leadsUnpaired ? 'lead' : '', datesUnpaired ? 'date' : ''].filter(Boolean).join(' and ')}.` +
      (datesUnpaired ? ` Dates as written: ${dates.map(squash).join('; ')}.` : '') +
      ` Its actions: ${items.map((t, i) => `${i + 1}. “${truncate(squash(t), 60)}”`).join('; ')}.`,
    rec.where,
    [rec.cells.lead, rec.cells.due].filter(Boolean).join(' | '),
    { kind: 'recommendation', id: recId },
  );
}

/** The latest of a row's dates (by the end of what each means), or '' when none reads. */
function latestDate(dates: string[]): string {
  let best = '';
  let bestEnd = '';
  for (const d of dates) {
    const end = parseFuzzyDate(d).end ?? parseFuzzyDate(d).start;
    if (end && end >= bestEnd) {
      best = d;
      bestEnd = end;
    }
  }
  return best;
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
