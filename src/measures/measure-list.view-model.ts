import { stringify } from 'csv-stringify/sync';
import type { Doc } from '../plans/content/content-form.js';
import { sparkline } from './measure-chart.js';
import { formatNumber } from './measure-format.js';
import {
  comparatorsOf,
  impactOf,
  impactTag,
  impactWords,
  periodText,
  valuesOf,
  valueText,
} from './measure-facts.js';
import type { ImpactStatus } from './measure-impact.js';
import { DIRECTION_WORDS, measureName } from './measure-page.view-model.js';
import { ACTUAL } from './measure.schema.js';

// The plan's measures page: every measure with its latest value, target, impact status,
// trend and comparator; filtered by recommendation and impact status; the same as CSV.

const STATUSES: ImpactStatus[] = [
  'on-track',
  'within-tolerance',
  'off-track',
  'no-data',
  'no-target',
];
const TREND_WORDS = {
  improving: 'Improving',
  worsening: 'Worsening',
  'no change': 'No change',
  'no data': 'Not enough values',
} as const;

export interface MeasureFilter {
  recommendation: string;
  status: string;
}

/** The filter as the address gives it; anything unknown is ignored. */
export function measureFilterOf(query: unknown, doc: Doc): MeasureFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const recommendation = typeof q.recommendation === 'string' ? q.recommendation : '';
  const status = typeof q.status === 'string' ? q.status : '';
  return {
    recommendation: doc.recommendations.some((r) => r.id === recommendation) ? recommendation : '',
    status: (STATUSES as string[]).includes(status) ? status : '',
  };
}

type Measure = Doc['measures'][number];

function concerns(doc: Doc, m: Measure, recId: string): boolean {
  if (m.recommendationIds.includes(recId)) return true;
  const actions = new Set(doc.actions.filter((a) => a.recommendationId === recId).map((a) => a.id));
  return m.actionIds.some((id) => actions.has(id));
}

/** Each measure the filter keeps, as plain values. */
export function measureRows(doc: Doc, today: string, filter: MeasureFilter) {
  return doc.measures
    .filter((m) => !filter.recommendation || concerns(doc, m, filter.recommendation))
    .map((m) => {
      const impact = impactOf(doc, m, today);
      const actuals = valuesOf(doc, m.id, ACTUAL);
      const latest = actuals.filter((v) => v.value !== null).at(-1);
      const comparator = comparatorsOf(doc, m.id)
        .map((name) => ({
          name,
          v: valuesOf(doc, m.id, name)
            .filter((x) => x.value !== null)
            .at(-1),
        }))
        .find((c) => c.v);
      const points = actuals.flatMap((v) =>
        v.value !== null && v.period ? [{ period: v.period, value: v.value }] : [],
      );
      return {
        m,
        impact,
        name: measureName(m),
        latest: latest
          ? `${valueText(latest, m.unit)} (${periodText(latest.period, latest.periodLabel)})`
          : 'No values yet',
        target:
          m.direction === 'range'
            ? `${formatNumber(m.rangeLow ?? 0, m.unit)} to ${formatNumber(m.rangeHigh ?? 0, m.unit)}`
            : impact.target === null
              ? 'None set'
              : formatNumber(impact.target, m.unit),
        direction: DIRECTION_WORDS[m.direction],
        status: impactTag(impact),
        statusWords: impactWords(impact.status),
        trend: TREND_WORDS[impact.trend],
        sparkline: sparkline(points),
        comparator: comparator?.v
          ? `${comparator.name}: ${valueText(comparator.v, m.unit)} (${periodText(comparator.v.period, comparator.v.periodLabel)})`
          : 'None',
      };
    })
    .filter((row) => !filter.status || row.impact.status === filter.status);
}

/** The measures page's values. */
export function measureListPage(
  doc: Doc,
  planId: string,
  today: string,
  filter: MeasureFilter,
  keep: (href: string) => string,
  canEnter: boolean,
) {
  const enc = encodeURIComponent;
  const rows = measureRows(doc, today, filter);
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
  return {
    planTitle: doc.plan.title,
    planHref: keep(`/plans/${planId}`),
    action: `/plans/${planId}/measures`,
    csvHref: keep(`/plans/${planId}/measures.csv${query ? `?${query}` : ''}`),
    figuresHref: canEnter ? `/plans/${planId}/figures` : null,
    uploadHref: canEnter ? `/plans/${planId}/measure-uploads` : null,
    libraryHref: canEnter ? `/plans/${planId}/indicators` : null,
    total: doc.measures.length,
    recommendationItems: [
      { value: '', text: 'All recommendations' },
      ...doc.recommendations.map((r) => ({
        value: r.id,
        text: `Recommendation ${r.ref ?? ''}`.trim(),
        selected: r.id === filter.recommendation,
      })),
    ],
    statusItems: [
      { value: '', text: 'Any impact status' },
      ...STATUSES.map((s) => ({ value: s, text: impactWords(s), selected: s === filter.status })),
    ],
    filtered: Boolean(filter.recommendation || filter.status),
    rows: rows.map((r) => ({
      ...r,
      href: keep(`/plans/${planId}/measures/${enc(r.m.id)}`),
    })),
  };
}

const CSV_HEADER = [
  'Reference',
  'Measure',
  'Unit',
  'Better when',
  'Latest value',
  'Latest period',
  'Target now',
  'Expected by the trajectory',
  'Impact status',
  'Trend',
  'Comparator',
];

// A cell a spreadsheet would run as a formula gets a leading apostrophe.
const defused = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** The measures page as CSV, with the same filter. */
export function measuresCsv(doc: Doc, today: string, filter: MeasureFilter): string {
  const rows = measureRows(doc, today, filter).map(
    ({ m, impact, trend, statusWords, comparator }) => [
      m.ref ?? '',
      m.name,
      m.unit ?? '',
      DIRECTION_WORDS[m.direction],
      impact.latest === null ? '' : String(impact.latest),
      impact.latestPeriod ? periodText(impact.latestPeriod, null) : '',
      impact.target === null ? '' : String(impact.target),
      impact.expected === null ? '' : String(Math.round(impact.expected * 100) / 100),
      statusWords,
      trend,
      comparator === 'None' ? '' : comparator,
    ],
  );
  return stringify([CSV_HEADER, ...rows.map((r) => r.map(defused))], {
    record_delimiter: 'windows',
    bom: true,
  });
}
