import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';

// Impact (is the measure moving the right way, is it at target?) is judged from the
// numbers alone. It is kept apart from delivery status (the RAG of the actions):
// every action can be green while the measure does not move.

interface Value {
  value: number | null;
  date: string | null;
}
interface Target {
  value: number | null;
  due: FuzzyDate | string | null;
}
export interface MeasureForImpact {
  direction: 'higher' | 'lower' | 'range';
  rangeLow: number | null;
  rangeHigh: number | null;
  baseline: Value | null;
  targets: Target[];
  actuals: Value[];
}

export type Trend = 'improving' | 'worsening' | 'no change' | 'no data';

export interface Impact {
  trend: Trend;
  /** The latest actual with a value, if any. */
  latest: number | null;
  /** The target now in force: the first not yet past its due date, else the last one. */
  target: number | null;
  /** Whether the latest value meets that target; null when either is missing. */
  targetMet: boolean | null;
}

/** How a measure is moving and whether it meets its current target, on `today` (ISO date). */
export function assessImpact(measure: MeasureForImpact, today: string): Impact {
  const values = measure.actuals
    .filter((a): a is { value: number; date: string | null } => a.value !== null)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const latest = values.at(-1)?.value ?? null;
  const previous =
    values.length >= 2 ? (values.at(-2)?.value ?? null) : (measure.baseline?.value ?? null);
  const target = currentTarget(measure.targets, today);
  return {
    trend: latest === null || previous === null ? 'no data' : trendOf(measure, previous, latest),
    latest,
    target,
    targetMet: latest === null ? null : meets(measure, latest, target),
  };
}

function currentTarget(targets: Target[], today: string): number | null {
  const withValues = targets.filter((t) => t.value !== null);
  const due = (t: Target) => (typeof t.due === 'object' && t.due !== null ? t.due.end : null);
  const open = withValues.find((t) => (due(t) ?? '9999-12-31') >= today);
  return (open ?? withValues.at(-1))?.value ?? null;
}

function distanceFromRange(measure: MeasureForImpact, value: number): number {
  const low = measure.rangeLow ?? -Infinity;
  const high = measure.rangeHigh ?? Infinity;
  return value < low ? low - value : value > high ? value - high : 0;
}

function trendOf(measure: MeasureForImpact, previous: number, latest: number): Trend {
  let better: number;
  if (measure.direction === 'range') {
    better = distanceFromRange(measure, previous) - distanceFromRange(measure, latest);
  } else {
    better = measure.direction === 'higher' ? latest - previous : previous - latest;
  }
  return better > 0 ? 'improving' : better < 0 ? 'worsening' : 'no change';
}

function meets(measure: MeasureForImpact, latest: number, target: number | null): boolean | null {
  if (measure.direction === 'range') return distanceFromRange(measure, latest) === 0;
  if (target === null) return null;
  return measure.direction === 'higher' ? latest >= target : latest <= target;
}
