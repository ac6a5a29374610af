import type { AppContext } from '../../composition.js';
import type { Db } from '../../db/database.js';
import { describeFuzzyDate, isOverdue, type FuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import type { PlanDocumentParsed } from '../../plans/document/plan-document.schema.js';
import { impactOf, impactWords } from '../../measures/measure-facts.js';
import { planDeadline } from '../../plans/plan.service.js';

/** A plain-text summary of a plan for the terminal: what a manager checks first. */
export async function showPlan(
  app: AppContext,
  trx: Db,
  planId: string,
  doc: PlanDocumentParsed,
  today: string,
): Promise<string[]> {
  const view = await app.services.plans.get(trx, planId);
  const labels = new Map(doc.ragScheme.statuses.map((s) => [s.code, s]));
  const p = doc.plan;
  const deadline = planDeadline({ ...view.plan, ...p }, view.inspection);
  const lines = [
    `${p.title}${p.versionLabel ? ` (${p.versionLabel})` : ''}`,
    `Council: ${doc.organisation.name}`,
    `Status: ${p.status}`,
    `Period: ${p.periodStart ?? '?'} to ${p.periodEnd ?? '?'}`,
  ];
  if (deadline) {
    lines.push(
      deadline.source === 'override'
        ? `Statement of action due: ${deadline.date} (overridden: ${deadline.basis})`
        : `Statement of action due: ${deadline.date} (${deadline.basis})`,
    );
  }
  if (doc.boards.length) lines.push(`Overseen by: ${doc.boards.map((b) => b.name).join(', ')}`);
  const counts = new Map<string, number>();
  for (const a of doc.actions)
    counts.set(a.status ?? 'none', (counts.get(a.status ?? 'none') ?? 0) + 1);
  const statusText = [...counts]
    .map(([code, n]) => `${labels.get(code)?.label ?? 'No status'} ${n}`)
    .join(', ');
  lines.push(
    `Recommendations: ${doc.recommendations.length}; actions: ${doc.actions.length}${statusText ? ` (${statusText})` : ''}`,
  );
  const overdue = doc.actions.filter(
    (a) =>
      typeof a.due === 'object' &&
      a.due !== null &&
      isOverdue(a.due, today) &&
      labels.get(a.status ?? '')?.category !== 'complete',
  );
  lines.push(`Overdue actions: ${overdue.length}`);
  for (const a of overdue.slice(0, 20)) {
    lines.push(
      `  ${a.ref ?? a.id} ${truncate(a.text, 70)} — due ${describeFuzzyDate(a.due as FuzzyDate)}`,
    );
  }
  if (overdue.length > 20) lines.push(`  and ${overdue.length - 20} more`);
  lines.push('', 'Recommendations:');
  for (const r of doc.recommendations) {
    const actions = doc.actions.filter((a) => a.recommendationId === r.id);
    lines.push(
      `  ${r.ref ?? r.id}. ${truncate(r.text, 90)} [${actions.length} action${actions.length === 1 ? '' : 's'}]`,
    );
  }
  const impacts = doc.measures.map((m) => impactOf(doc, m, today));
  const statuses = (['on-track', 'within-tolerance', 'off-track', 'no-data', 'no-target'] as const)
    .map((s) => [impactWords(s), impacts.filter((i) => i.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([words, n]) => `${words.toLowerCase()} ${n}`);
  if (statuses.length > 0) lines.push(`Measure impact status: ${statuses.join(', ')}`);
  const tally = (trend: string) => impacts.filter((i) => i.trend === trend).length;
  lines.push(
    `Measure impact: improving ${tally('improving')}, worsening ${tally('worsening')}, no change ${tally('no change')}, no data ${tally('no data')}; at target ${impacts.filter((i) => i.targetMet).length} of ${impacts.length}`,
  );
  lines.push(
    `Measures: ${doc.measures.length}; risks: ${doc.risks.length}; costs: ${doc.costs.length}; updates: ${doc.updates.length}`,
  );
  return lines;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
