import type { AppContext } from '../composition.js';

// The demo's measures beyond what the importer reads from the seed texts. Checked against
// the importer's output: it reads Bristol's eleven headline KPIs (seed 001, paragraph 4.5)
// as measures kpi-1 to kpi-11, each with its one target; the staged targets two of them
// have in the plan's table (60% by July 2015, then 80% by July 2016) are added here. It
// reads no measure from West Berkshire's "How will we know we have done it?" list (seed
// 002), so those timescales are added with the figures the plan's progress column reports.
// No value is invented: a measure without a reported figure shows "No data".

type Trx = Parameters<Parameters<AppContext['transaction']>[0]>[0];

interface DemoMeasure {
  id: string;
  name: string;
  direction?: 'higher' | 'lower';
  /** Target words as the seed gives them, with a due date where it gives one. */
  targets: Array<{ value: number; text: string; due: string | null }>;
  /** Values the seed reports: period (last day), value, where the seed says it. */
  values?: Array<{ period: string; value: number; source: string }>;
}

const target = (value: number, text: string, due: string | null = null) => ({ value, text, due });

/** Bristol's staged targets for two of its KPIs, as the plan's table words them (seed 001). */
const BRISTOL_STAGES: Record<string, DemoMeasure['targets']> = {
  'kpi-5': [
    target(
      60,
      "Over 60% of cases are 'good' or 'outstanding' according to grade descriptors",
      'Jul 2015',
    ),
    target(
      80,
      "Over 80% of cases are 'good' or 'outstanding' according to grade descriptors",
      'Jul 2016',
    ),
  ],
  'kpi-8': [
    target(60, '60% of all PEPs to be judged good against LA criteria', 'Jul 2015'),
    target(80, '80% of all PEPs to be judged good against LA criteria', 'Jul 2016'),
  ],
};

const WB = 'Seed 002, the plan’s progress column';
/** West Berkshire's timescales (seed 002, "How will we know we have done it?"), with the figures its progress column reports. */
const WEST_BERKSHIRE: DemoMeasure[] = [
  {
    id: 'timescale-1',
    name: 'Single assessments within 45 days',
    targets: [],
    values: [
      { period: '2015-04-30', value: 61, source: WB },
      { period: '2015-05-31', value: 68, source: WB },
    ],
  },
  {
    id: 'timescale-2',
    name: 'ICPCs held within 15 days of S47',
    targets: [],
    values: [{ period: '2015-05-31', value: 56, source: WB }],
  },
  {
    id: 'timescale-3',
    name: 'Child protection reviews on time',
    targets: [],
    values: [{ period: '2015-05-31', value: 100, source: WB }],
  },
  {
    id: 'timescale-4',
    name: 'LAC reviews on time',
    targets: [],
    values: [{ period: '2015-05-31', value: 100, source: WB }],
  },
  {
    id: 'timescale-5',
    name: 'CP visits within 10 days',
    targets: [],
    values: [{ period: '2015-05-31', value: 92, source: WB }],
  },
];

/** The demo measures each seed's plan gains, by the seed's file name. */
export const DEMO_MEASURES: Record<string, DemoMeasure[]> = { 'seed-002.txt': WEST_BERKSHIRE };
/** The staged targets each seed's imported measures gain, by seed and measure id. */
export const DEMO_STAGES: Record<string, Record<string, DemoMeasure['targets']>> = {
  'seed-001.txt': BRISTOL_STAGES,
};

/**
 * Adds the seed's demo measures and its reported values to the plan read from it, in the
 * plan's own time: the measures when the plan starts, each value ten days after its month
 * (but not after the day the plan opens at, so the demo's "as at" view shows them).
 */
export async function addDemoMeasures(
  app: AppContext,
  trx: Trx,
  planId: string,
  seed: string,
): Promise<void> {
  const measures = DEMO_MEASURES[seed] ?? [];
  const stages = Object.entries(DEMO_STAGES[seed] ?? {});
  if (measures.length === 0 && stages.length === 0) return;
  const doc = await app.services.documents.export(trx, planId);
  const { plan, inspection, measures: read } = doc;
  // As loadInItsOwnTime starts the plan: its period, its inspection, or its first update.
  const start = [plan.periodStart, inspection?.publishedOn, ...doc.updates.map((u) => u.date)]
    .filter((d): d is string => !!d)
    .sort()[0];
  const opens = plan.openAsAt ?? null;
  const at = (day: string | undefined) =>
    day ? app.changeBy('demo data', null, `${day}T09:00:01.000Z`) : app.changeBy('demo data');
  for (const [id, targets] of stages) {
    // Only while the importer reads the KPI with one target: staging is added, never redone.
    if (read.find((m) => m.id === id)?.targets.length !== 1) continue;
    const staged = targets.map((t) => ({ ...t, lead: null }));
    await app.services.content.update(trx, at(start), planId, 'measure', id, { targets: staged });
  }
  for (const m of measures) {
    await app.services.content.add(trx, at(start), planId, 'measure', {
      id: m.id,
      ref: null,
      name: m.name,
      unit: '%',
      direction: m.direction ?? 'higher',
      rangeLow: null,
      rangeHigh: null,
      lead: null,
      baseline: null,
      targets: m.targets.map((t) => ({ ...t, lead: null })),
      frequency: 'monthly',
      actionIds: [],
      recommendationIds: [],
    });
    for (const v of m.values ?? []) {
      let day = tenDaysAfter(v.period);
      if (start && day < start) day = start;
      if (opens && day > opens) day = opens;
      await app.services.measureValues.record(trx, at(day), planId, {
        measureId: m.id,
        period: v.period,
        value: v.value,
        source: v.source,
        enteredBy: 'demo data',
      });
    }
  }
}

/** The tenth day of the month after the period ends (when such a figure is usually known). */
function tenDaysAfter(periodEnd: string): string {
  const [y = 2000, m = 1] = periodEnd.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-10` : `${y}-${String(m + 1).padStart(2, '0')}-10`;
}
