import { ACTUAL } from '../measures/measure.schema.js';
import { comparatorsOf, impactOf, impactTag, valuesOf } from '../measures/measure-facts.js';
import { measureChart } from '../measures/measure-page.view-model.js';
import type { Doc } from './pack-actions.js';
import { dueWords } from './pack-actions.js';
import type { PackMeasure } from './pack.types.js';

// The pack's measures section: each measure's latest actual, the target in force and the
// impact the measures concept judges (against the trajectory, with the plan's tolerance),
// from the values the plan held on the pack's day.

/** Each measure as it stood on `day`: values for periods after it are left out. */
export function packMeasures(doc: Doc, day: string): PackMeasure[] {
  const upTo = (v: { period: string | null }) => !v.period || v.period <= day;
  // The chart and its figures show only the values for periods up to the day.
  const known = { ...doc, measureValues: doc.measureValues.filter(upTo) };
  return doc.measures.map((m) => {
    const impact = impactOf(known, m, day);
    const latest = valuesOf(doc, m.id, ACTUAL)
      .filter(upTo)
      .filter((v): v is typeof v & { value: number } => v.value !== null)
      .at(-1);
    const target =
      m.targets.find((t) => t.value !== null && t.value === impact.target) ?? m.targets[0] ?? null;
    return {
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: target && { value: target.value, text: target.text, due: dueWords(target.due) },
      latest: latest ? { value: latest.value, date: latest.period } : null,
      trend: impact.trend,
      impact: {
        status: impact.status,
        words: impactTag(impact).text,
        expected: impact.expected === null ? null : Math.round(impact.expected * 10) / 10,
      },
      chart: measureChart(known, m),
      values: valuesOf(known, m.id).map((v) => ({
        series: v.series === ACTUAL ? 'Actual' : v.series,
        period: v.period,
        value: v.value,
      })),
      targetMet: impact.targetMet,
      comparators: comparatorsOf(doc, m.id).flatMap((name) => {
        const last = valuesOf(doc, m.id, name).filter(upTo).at(-1);
        return last ? [{ name, value: last.value, date: last.period }] : [];
      }),
    };
  });
}
