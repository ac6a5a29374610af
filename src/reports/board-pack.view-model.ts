import { formatDate, NO_DATE } from '../lib/format.js';
import type {
  PackAction,
  PackContent,
  PackCostTotals,
  PackMeasure,
  PackStatus,
  PlanChanges,
  StatusCount,
} from './pack.types.js';
import { countChanges } from './plan-diff.js';
import { wordDiff } from './word-diff.js';

// A pack's content as the page (and the PDF printed from it) shows it: dates in words,
// money in pounds, statuses as tags with their words, moves as "up 2" / "down 1".

const MONEY = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Pence as pounds: "£67,961.00". */
export const pounds = (pence: number) => MONEY.format(pence / 100);

export const tagClasses = (s: PackStatus) => `govuk-tag--${s.colour}`;

/** A count's move since the previous pack, in words ('' when there is no previous pack). */
export function moveWords(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return 'no change';
  return change > 0 ? `up ${change}` : `down ${-change}`;
}

const capital = (s: string | null) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Not given');

/** A measure's value with its unit ("68%", "14 days"). */
export function valueWords(value: number | null | undefined, unit: string | null): string {
  if (value === null || value === undefined) return 'No value';
  const u = unit ?? '';
  return u === '%' ? `${value}%` : u ? `${value} ${u}` : String(value);
}

const DIRECTION = { higher: 'Higher is better', lower: 'Lower is better', range: 'Within a range' };

function measureRow(m: PackMeasure) {
  return {
    name: m.name,
    direction: DIRECTION[m.direction],
    baseline: m.baseline
      ? `${valueWords(m.baseline.value, m.unit)}${m.baseline.date ? ` (${formatDate(m.baseline.date)})` : ''}`
      : 'None given',
    target: m.target
      ? `${m.target.value === null ? m.target.text : valueWords(m.target.value, m.unit)}${m.target.due ? ` by ${m.target.due}` : ''}`
      : 'None given',
    latest: m.latest
      ? `${valueWords(m.latest.value, m.unit)}${m.latest.date ? ` (${formatDate(m.latest.date)})` : ''}`
      : 'No value yet',
    impact: m.impact
      ? `${m.impact.words}${m.trend === 'no data' ? '' : `, ${m.trend}`}`
      : m.targetMet === null
        ? `No data (${m.trend})`
        : `${m.targetMet ? 'Target met' : 'Below target'}, ${m.trend}`,
    expected:
      m.impact?.expected === null || m.impact?.expected === undefined
        ? ''
        : valueWords(Math.round(m.impact.expected * 10) / 10, m.unit),
    chart: m.chart ?? null,
    comparators: m.comparators.map((c) => `${c.name}: ${valueWords(c.value, m.unit)}`).join('; '),
  };
}

/** A year's costs against its budget: "£1,000.00 over", "£500.00 under", "On budget". */
function againstBudget(t: PackCostTotals): { budget: string; variance: string } {
  if (t.budgetPence === null || t.budgetPence === undefined) {
    return { budget: 'No budget given', variance: '' };
  }
  const over = t.totalPence - t.budgetPence;
  const variance =
    over === 0 ? 'On budget' : over > 0 ? `${pounds(over)} over` : `${pounds(-over)} under`;
  return { budget: pounds(t.budgetPence), variance };
}

/** What changed, as the page shows it (dates in words, tags with their words). */
export function changesView(c: PlanChanges) {
  return {
    ...c,
    newUpdates: c.newUpdates.map((u) => ({ ...u, date: formatDate(u.date) })),
    statusChanges: c.statusChanges.map((s) => ({
      ...s,
      fromClasses: tagClasses(s.from),
      toClasses: tagClasses(s.to),
    })),
    datesMoved: c.datesMoved.map((d) => ({ ...d, from: d.from || NO_DATE, to: d.to || NO_DATE })),
    reworded: c.reworded.map((r) => ({ ...r, words: wordDiff(r.from, r.to) })),
    added: actionRows(c.added),
    removed: actionRows(c.removed),
    completed: actionRows(c.completed),
    nothing: countChanges(c) === 0,
  };
}

const counts = (list: StatusCount[]) =>
  list.map((c) => ({ ...c, classes: tagClasses(c), move: moveWords(c.change) }));
const actionRows = (list: PackAction[]) =>
  list.map((a) => ({ ...a, due: a.due || NO_DATE, classes: tagClasses(a.status) }));

/** The values the pack's template lays out. */
export function packView(pack: PackContent) {
  const ex = pack.exceptions;
  return {
    title: `${pack.board.name}: ${pack.plan.title}, as at ${formatDate(pack.asAt)}`,
    planTitle: pack.plan.title,
    versionLabel: pack.plan.versionLabel,
    council: pack.plan.council,
    board: pack.board,
    asAt: formatDate(pack.asAt),
    since: formatDate(pack.since.day),
    sinceWords: pack.since.previousPack
      ? `since the board’s previous pack (${pack.since.meeting ?? 'its last meeting'}, as at ${formatDate(pack.since.day)})`
      : `since ${formatDate(pack.since.day)} (there is no earlier published pack for this board)`,
    previousPack: pack.since.previousPack,
    narrative: pack.narrative,
    headline: {
      total: pack.headline.total,
      byStatus: counts(pack.headline.byStatus),
      parts: pack.headline.parts.map((p) => ({ ...p, byStatus: counts(p.byStatus) })),
    },
    exceptions: {
      red: actionRows(ex.red),
      overdue: actionRows(ex.overdue),
      slipped: ex.slipped.map((a) => ({
        ...a,
        due: a.due || NO_DATE,
        classes: tagClasses(a.status),
      })),
      noUpdate: actionRows(ex.noUpdate),
      disagreeing: ex.disagreeing.map((a) => ({
        ...a,
        classes: tagClasses(a.status),
        proposedClasses: tagClasses(a.proposed),
      })),
    },
    changes: changesView(pack.changes),
    measures: pack.measures.map(measureRow),
    risks: pack.risks.map((r) => ({
      ...r,
      before: `Impact ${capital(r.impactBefore).toLowerCase()}, probability ${capital(r.probabilityBefore).toLowerCase()}`,
      after: `Impact ${capital(r.impactAfter).toLowerCase()}, probability ${capital(r.probabilityAfter).toLowerCase()}`,
    })),
    costs: {
      lines: pack.costs.lines.map((l) => ({
        ...l,
        financialYear: l.financialYear ?? 'No year given',
        recurrence: l.recurrence === 'one-off' ? 'One-off' : 'Recurrent',
        staffing: l.staffing ? capital(l.staffing) : '',
        amount: pounds(l.amountPence),
      })),
      hasBudget: pack.costs.total.budgetPence != null,
      byYear: pack.costs.byYear.map((y) => ({
        year: y.financialYear ?? 'No year given',
        oneOff: pounds(y.oneOffPence),
        recurrent: pounds(y.recurrentPence),
        total: pounds(y.totalPence),
        ...againstBudget(y),
      })),
      total: {
        oneOff: pounds(pack.costs.total.oneOffPence),
        recurrent: pounds(pack.costs.total.recurrentPence),
        total: pounds(pack.costs.total.totalPence),
        ...againstBudget(pack.costs.total),
      },
    },
    actions: pack.actions.map((a) => ({
      ...a,
      due: a.due || NO_DATE,
      classes: tagClasses(a.status),
      latestUpdate: a.latestUpdate ?? 'No update yet',
      evidence: a.evidence ?? '',
    })),
  };
}

export type PackView = ReturnType<typeof packView>;
