import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { ACTUAL } from '../measures/measure.schema.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import { BRISTOL_FIVE_COLOUR } from '../rag/built-in-schemes.js';

// Synthetic plans for scale work (g2g dev generate): invented councils, people and plans in
// the shape councils write them, never drawn from any real plan. Every name says it is
// synthetic. Seeded, so the same options give the same data.

/** The slug of synthetic council `n` (1-based): every synthetic council's slug starts so. */
export const SYNTHETIC_PREFIX = 'synthetic-';
export const syntheticSlug = (n: number) => `${SYNTHETIC_PREFIX}${String(n).padStart(3, '0')}`;
export const syntheticCouncilName = (n: number) =>
  `Synthetic Council ${String(n).padStart(3, '0')} (synthetic data)`;

/** A small seeded generator (mulberry32): the same seed gives the same numbers. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const AREAS = [
  'Help and protection',
  'Children in care',
  'Care leavers',
  'Early help',
  'Workforce',
  'Quality assurance',
  'Partnership working',
  'Leadership and management',
];
const VERBS = ['Review', 'Embed', 'Improve', 'Audit', 'Train staff in', 'Strengthen', 'Publish'];
const THINGS = [
  'the quality of supervision',
  'the response to contacts at the front door',
  'timeliness of assessments',
  'pathway planning for care leavers',
  'management oversight of plans',
  'the use of chronologies',
  'multi-agency strategy discussions',
  'placement sufficiency',
  'return home interviews',
  'the voice of the child in records',
];
const LEADS = [
  'Head of Service, Safeguarding',
  'Head of Service, Children in Care',
  'Service Manager, Leaving Care',
  'Principal Social Worker',
  'Head of Quality Assurance',
  'Head of Early Help',
];
const DUES = ['End June', 'Autumn', 'March', 'December', 'Q3', 'September'];
const UPDATE_WORDS = [
  'Audit completed; findings shared with team managers.',
  'Training delivered to two teams; further sessions booked.',
  'Progress slower than planned because of vacancies.',
  'New guidance published and in use.',
  'Monthly performance report shows improvement.',
  'Work paused while the service is restructured.',
];
export const STATUS_CODES = BRISTOL_FIVE_COLOUR.statuses.map((s) => s.code);

/** How big each synthetic plan is. */
export interface PlanShape {
  actions: number;
  months: number;
  /** The first day of the plan's first month (ISO). */
  start: string;
}

/** ISO day `months` after `start` (its day of month kept, at most 28). */
export function addMonths(start: string, months: number, day = 1): string {
  const [y = 0, m = 1] = start.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, Math.min(day, 28)));
  return d.toISOString().slice(0, 10);
}
const lastDayOfMonth = (start: string, months: number) => {
  const [y = 0, m = 1] = start.split('-').map(Number);
  return new Date(Date.UTC(y, m + months, 0)).toISOString().slice(0, 10);
};

/** Synthetic plan `p` of council `c`: everything but its monthly updates and values. */
export function syntheticPlan(c: number, p: number, shape: PlanShape): PlanDocumentParsed {
  const random = seeded(c * 1000 + p);
  const period = { start: shape.start, end: addMonths(shape.start, shape.months + 12) };
  const endYear = Number(period.end.slice(0, 4));
  const recCount = Math.max(1, Math.round(shape.actions / 10));
  const sections = [
    { id: 's1', ref: null, title: 'Priority actions', category: 'priority' as const },
    { id: 's2', ref: null, title: 'Areas for improvement', category: 'improvement' as const },
  ];
  const themes = AREAS.slice(0, 4).map((title, i) => ({
    id: `t${i + 1}`,
    kind: 'theme' as const,
    ref: String(i + 1),
    title,
    sponsor: null,
    lead: pick(random, LEADS),
    commitments: [],
    successCriteria: [],
  }));
  const recommendations = Array.from({ length: recCount }, (_, i) => ({
    id: `r${i + 1}`,
    ref: String(i + 1),
    text: `${pick(random, VERBS)} ${pick(random, THINGS)} (synthetic recommendation ${i + 1})`,
    category: i < 2 ? ('priority' as const) : ('improvement' as const),
    judgementArea: pick(random, AREAS),
    sectionId: i < 2 ? 's1' : 's2',
    themeId: `t${(i % themes.length) + 1}`,
    leads: [{ name: pick(random, LEADS), kind: 'role' as const }],
    due: parseFuzzyDate(`${pick(random, DUES)} ${endYear}`, period),
  }));
  const actions = Array.from({ length: shape.actions }, (_, i) => {
    const r = (i % recCount) + 1;
    const year = Number(shape.start.slice(0, 4)) + 1 + Math.floor(random() * 3);
    return {
      id: `a${i + 1}`,
      recommendationId: `r${r}`,
      themeId: null,
      ref: `${r}.${Math.floor(i / recCount) + 1}`,
      text: `${pick(random, VERBS)} ${pick(random, THINGS)}`,
      outcomes: 'Children and families notice a better, more timely service',
      leads: [{ name: LEADS[i % LEADS.length] ?? 'Lead', kind: 'role' as const }],
      due: parseFuzzyDate(i % 17 === 0 ? 'Ongoing' : `${pick(random, DUES)} ${year}`, period),
      status: pick(random, STATUS_CODES),
      proposedStatus: null,
      evidence: 'Case audit and performance report',
    };
  });
  const measures = Array.from({ length: 10 }, (_, i) => ({
    id: `m${i + 1}`,
    ref: null,
    name: `${pick(random, ['Timeliness of', 'Percentage of', 'Number of'])} ${pick(random, THINGS)} (synthetic measure ${i + 1})`,
    unit: '%',
    direction: i % 3 === 0 ? ('lower' as const) : ('higher' as const),
    rangeLow: null,
    rangeHigh: null,
    lead: pick(random, LEADS),
    baseline: { value: 50, date: shape.start, text: '50% at the start' },
    targets: [
      { value: 80, text: '80%', due: parseFuzzyDate(`March ${endYear}`, period), lead: null },
    ],
    frequency: 'monthly' as const,
    actionIds: [`a${i + 1}`].filter((id) => actions.some((a) => a.id === id)),
    recommendationIds: [],
  }));
  const risks = Array.from({ length: 8 }, (_, i) => ({
    id: `k${i + 1}`,
    ref: String(i + 1),
    threat: `Synthetic risk ${i + 1}: ${pick(random, ['recruitment', 'demand', 'funding', 'systems'])}`,
    impactBefore: 'high' as const,
    probabilityBefore: 'medium' as const,
    controls: 'Monitored monthly by the improvement board',
    controlActionIds: [],
    impactAfter: 'medium' as const,
    probabilityAfter: 'low' as const,
    owner: pick(random, LEADS),
  }));
  const costs = Array.from({ length: 20 }, (_, i) => ({
    id: `c${i + 1}`,
    actionId: actions[i % actions.length]?.id ?? null,
    themeId: null,
    item: `Synthetic cost ${i + 1}`,
    amountPence: Math.round(random() * 10_000_000),
    recurrence: i % 2 ? ('recurrent' as const) : ('one-off' as const),
    financialYear: `${endYear - 1}/${String(endYear).slice(2)}`,
    staffing: i % 3 === 0 ? ('agency' as const) : null,
    notes: null,
  }));
  return {
    format: 'g2g-plan',
    formatVersion: 1,
    organisation: { slug: syntheticSlug(c), name: syntheticCouncilName(c) },
    plan: {
      title: `Synthetic improvement plan ${p} (synthetic data)`,
      versionLabel: 'V1',
      status: 'monitoring',
      periodStart: period.start,
      periodEnd: period.end,
      statementKind: 'statement-of-action',
      deadlineOverride: null,
      deadlineOverrideReason: null,
      confirmStatuses: false,
      openAsAt: null,
      impactTolerance: null,
    },
    inspection: null,
    ragScheme: BRISTOL_FIVE_COLOUR,
    boards: [{ name: 'Improvement Board', cadence: 'Monthly', chair: 'Synthetic chair' }],
    sections,
    themes,
    recommendations,
    actions,
    updates: [],
    measures,
    measureValues: [],
    risks,
    costs,
  };
}

/** Month `month`'s update for every action of the plan (ids unique within the plan). */
export function monthlyUpdates(doc: PlanDocumentParsed, shape: PlanShape, month: number) {
  const random = seeded(month * 7919 + doc.actions.length);
  const date = addMonths(shape.start, month, 10);
  return doc.actions.map((action) => ({
    id: `u${month + 1}-${action.id}`,
    actionId: action.id,
    date,
    author: action.leads[0]?.name ?? 'Lead',
    text: pick(random, UPDATE_WORDS),
    proposedStatus: pick(random, STATUS_CODES),
    evidence: [],
  }));
}

/** Month `month`'s value of every measure (a random walk about the baseline). */
export function monthlyValues(doc: PlanDocumentParsed, shape: PlanShape, month: number) {
  const random = seeded(month * 104729 + doc.measures.length);
  return doc.measures.map((measure, i) => ({
    id: `v${month + 1}-${measure.id}`,
    measureId: measure.id,
    series: ACTUAL,
    period: lastDayOfMonth(shape.start, month),
    periodLabel: null,
    value: Math.round(Math.min(100, Math.max(0, 50 + month * 0.8 + i + (random() - 0.5) * 10))),
    missing: null,
    provisional: false,
    note: null,
    source: 'Synthetic data',
    enteredBy: null,
    enteredAt: null,
  }));
}
