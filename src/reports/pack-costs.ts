import { actionLabels } from '../actions/action-label.js';
import type { Doc } from './pack-actions.js';
import type { PackContent, PackCostTotals } from './pack.types.js';

/**
 * The plan's costs: each line once (a cost attached to an action is the same line in the
 * summary), totals by financial year (one-off, recurrent) and in all. Sums are in pence.
 */
export function packCosts(
  doc: Doc,
  budgets: Array<{ financialYear: string; amountPence: number }> = [],
): PackContent['costs'] {
  const budgetOf = new Map(budgets.map((b) => [b.financialYear, b.amountPence]));
  const labels = actionLabels(doc);
  const lines = doc.costs.map((c) => ({
    item: c.item,
    action: c.actionId ? (labels.get(c.actionId) ?? null) : null,
    financialYear: c.financialYear,
    recurrence: c.recurrence,
    staffing: c.staffing,
    amountPence: c.amountPence,
  }));
  const totalOf = (financialYear: string | null, of: typeof lines): PackCostTotals => {
    const sum = (r: 'one-off' | 'recurrent') =>
      of.filter((l) => l.recurrence === r).reduce((n, l) => n + l.amountPence, 0);
    const [oneOffPence, recurrentPence] = [sum('one-off'), sum('recurrent')];
    const budgetPence = financialYear === null ? null : (budgetOf.get(financialYear) ?? null);
    const totalPence = oneOffPence + recurrentPence;
    return { financialYear, oneOffPence, recurrentPence, totalPence, budgetPence };
  };
  // Years in order (a year with a budget and no costs too); lines with no year last.
  const years = [
    ...new Set([...lines.map((l) => l.financialYear), ...budgets.map((b) => b.financialYear)]),
  ].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return {
    lines,
    byYear: years.map((y) =>
      totalOf(
        y,
        lines.filter((l) => l.financialYear === y),
      ),
    ),
    total: {
      ...totalOf(null, lines),
      budgetPence: budgets.length ? budgets.reduce((n, b) => n + b.amountPence, 0) : null,
    },
  };
}
