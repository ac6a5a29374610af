import { assessImpact } from '../measures/measure-impact.js';
import type { Doc } from './pack-actions.js';
import { dueWords } from './pack-actions.js';
import type { PackMeasure } from './pack.types.js';

// The pack's measures section, kept behind this one function: it reads what the plan's
// measures hold today (baseline, staged targets, actuals, comparators) and the impact the
// measures concept judges from them. When measures gain their own values and charts, only
// this file changes.

/** Each measure as it stood on `day`: values dated after it are left out. */
export function packMeasures(doc: Doc, day: string): PackMeasure[] {
  return doc.measures.map((m) => {
    const actuals = m.actuals.filter((a) => !a.date || a.date <= day);
    const impact = assessImpact({ ...m, actuals }, day);
    const latest = actuals
      .filter((a): a is typeof a & { value: number } => a.value !== null)
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
      .at(-1);
    const target =
      m.targets.find((t) => t.value !== null && t.value === impact.target) ?? m.targets[0] ?? null;
    return {
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: target && { value: target.value, text: target.text, due: dueWords(target.due) },
      latest: latest ? { value: latest.value, date: latest.date } : null,
      trend: impact.trend,
      targetMet: impact.targetMet,
      comparators: m.comparators.map((c) => ({ name: c.name, value: c.value, date: c.date })),
    };
  });
}
