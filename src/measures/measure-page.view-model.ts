import { describeFuzzyDate, type FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { formatDateTime } from '../lib/format.js';
import type { Doc } from '../plans/content/content-form.js';
import { lineChart, trajectorySeries } from './measure-chart.js';
import { formatNumber } from './measure-format.js';
import {
  comparatorsOf,
  impactOf,
  impactTag,
  periodText,
  valuesOf,
  valueText,
} from './measure-facts.js';
import { ACTUAL } from './measure.schema.js';

// Plain values for a measure's page: what it is, where it stands (latest value, target,
// impact status), its chart with the same figures as a table, and every value entered.

type Measure = Doc['measures'][number];
const asDue = (due: unknown): FuzzyDate | null =>
  due && typeof due === 'object' ? (due as FuzzyDate) : null;

export const DIRECTION_WORDS = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  range: 'Kept within a range',
} as const;

/** The measure's name as people see it: its reference first when it has one. */
export const measureName = (m: Pick<Measure, 'ref' | 'name'>) =>
  m.ref ? `${m.ref}: ${m.name}` : m.name;

/** The chart and its table for a measure (also for the plan's measures page). */
export function measureChart(doc: Doc, m: Measure) {
  const actuals = valuesOf(doc, m.id, ACTUAL);
  const numbered = (vs: typeof actuals) =>
    vs.flatMap((v) => (v.value !== null && v.period ? [{ period: v.period, value: v.value }] : []));
  const comparators = comparatorsOf(doc, m.id).map((name) => ({
    name,
    kind: 'comparator' as const,
    points: numbered(valuesOf(doc, m.id, name)),
  }));
  const periods = [
    ...new Set(
      doc.measureValues.filter((v) => v.measureId === m.id && v.period).map((v) => v.period ?? ''),
    ),
  ].sort();
  const target = trajectorySeries(m, periods);
  const series = [
    { name: 'Actual', kind: 'actual' as const, points: numbered(actuals) },
    { name: 'Target', kind: 'target' as const, points: target },
    ...comparators,
  ];
  const cell = (name: string, period: string) => {
    const v = doc.measureValues.find(
      (x) => x.measureId === m.id && x.series === name && x.period === period,
    );
    return v ? valueText(v, m.unit) : '';
  };
  const expected = (period: string) => {
    const p = target.find((t) => t.period === period);
    return p ? formatNumber(Math.round(p.value * 10) / 10, m.unit) : '';
  };
  return {
    svg: lineChart(series, m.unit),
    title: `${m.name}: actual values against the target${comparators.length ? ' and comparators' : ''}`,
    table: {
      head: ['Period', 'Actual', 'Target trajectory', ...comparators.map((c) => c.name)],
      rows: periods.map((period) => {
        const label = doc.measureValues.find((v) => v.measureId === m.id && v.period === period);
        return [
          periodText(period, label?.periodLabel ?? null),
          cell(ACTUAL, period),
          expected(period),
          ...comparators.map((c) => cell(c.name, period)),
        ];
      }),
    },
  };
}

/** The measure page's values, or null when the plan has no such measure. */
export function measurePage(
  doc: Doc,
  planId: string,
  measureId: string,
  today: string,
  canEdit: boolean,
  keep: (href: string) => string = (href) => href,
) {
  const m = doc.measures.find((x) => x.id === measureId);
  if (!m) return null;
  const impact = impactOf(doc, m, today);
  const latest = valuesOf(doc, m.id, ACTUAL)
    .filter((v) => v.value !== null)
    .at(-1);
  const href = `/plans/${planId}/measures/${encodeURIComponent(m.id)}`;
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return {
    name: measureName(m),
    planTitle: doc.plan.title,
    planHref: keep(`/plans/${planId}`),
    measuresHref: keep(`/plans/${planId}/measures`),
    valuesHref: `${href}/values`,
    canEdit,
    impact: impactTag(impact),
    rows: [
      row(
        'Latest value',
        latest
          ? `${valueText(latest, m.unit)} for ${periodText(latest.period, latest.periodLabel)}`
          : 'No values recorded yet',
      ),
      row(
        'Expected by the trajectory',
        impact.expected === null
          ? 'No target set'
          : formatNumber(Math.round(impact.expected * 10) / 10, m.unit),
      ),
      row(
        'Targets',
        m.targets.length
          ? m.targets
              .map((t) => {
                const due = asDue(t.due);
                return due ? `${t.text} (${describeFuzzyDate(due)})` : t.text;
              })
              .join('; ')
          : m.direction === 'range'
            ? `Between ${formatNumber(m.rangeLow ?? 0, m.unit)} and ${formatNumber(m.rangeHigh ?? 0, m.unit)}`
            : 'None set',
      ),
      row(
        'Baseline',
        m.baseline?.text ??
          (m.baseline?.value != null ? formatNumber(m.baseline.value, m.unit) : 'Not recorded'),
      ),
      row('Better when', DIRECTION_WORDS[m.direction]),
      row('Lead', m.lead ?? 'No lead'),
    ],
    chart: measureChart(doc, m),
    values: [...valuesOf(doc, m.id)].reverse().map((v) => ({
      period: periodText(v.period, v.periodLabel),
      series: v.series === ACTUAL ? 'Actual' : v.series,
      value: valueText(v, m.unit),
      note: [v.note, v.source && `Source: ${v.source}`].filter(Boolean).join('. '),
      entered: v.enteredBy
        ? `${v.enteredBy}${v.enteredAt ? `, ${formatDateTime(v.enteredAt)}` : ''}`
        : 'Imported',
    })),
  };
}
