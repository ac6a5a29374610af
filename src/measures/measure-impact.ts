import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { lastExpectedPeriod } from './measure-period.js';

// Impact (is the measure where its trajectory says it should be by now?) is judged from the
// numbers alone. It is kept apart from delivery status (the RAG of the actions): every
// action can be green while the measure does not move.
//
// The trajectory runs in straight lines from the baseline (its value at its date) through
// each staged target (its value at the end of its due date); after the last target it stays
// at that target. Without a baseline, the target in force is expected. A measure kept within
// a range is expected inside it.

interface Stated {
  value: number | null;
  date: string | null;
}
interface Target {
  value: number | null;
  due: FuzzyDate | string | null;
}
/** A value of the measure's own series (actuals), as the impact needs it. */
export interface ActualForImpact {
  period: string | null;
  value: number | null;
}
export interface MeasureForImpact {
  direction: 'higher' | 'lower' | 'range';
  rangeLow: number | null;
  rangeHigh: number | null;
  frequency?: 'monthly' | 'quarterly' | 'annually' | null;
  baseline: Stated | null;
  targets: Target[];
}

export type Trend = 'improving' | 'worsening' | 'no change' | 'no data';
export type ImpactStatus = 'on-track' | 'within-tolerance' | 'off-track' | 'no-data' | 'no-target';

export interface Impact {
  status: ImpactStatus;
  trend: Trend;
  /** The latest actual with a value, if any. */
  latest: number | null;
  /** Its period (the period's last day), when it has one. */
  latestPeriod: string | null;
  /** What the trajectory expects at the latest value's period. */
  expected: number | null;
  /** The target now in force: the first not yet past its due date, else the last one. */
  target: number | null;
  /** Whether the latest value meets that target; null when either is missing. */
  targetMet: boolean | null;
  /** The period a value was expected for by now, when the latest is older (status no-data). */
  missingPeriod: string | null;
}

/** The tolerance when the plan sets none: 5% of the expected value. */
export const DEFAULT_TOLERANCE = 5;

const dueEnd = (t: Target) => (typeof t.due === 'object' && t.due !== null ? t.due.end : null);

/**
 * The measure's impact on `today` (ISO date) from its actuals: status against the
 * trajectory (within `tolerance` percent of the expected value), trend and target.
 */
export function assessImpact(
  measure: MeasureForImpact,
  actuals: readonly ActualForImpact[],
  today: string,
  tolerance: number = DEFAULT_TOLERANCE,
): Impact {
  const values = actuals
    .filter((a): a is { value: number; period: string | null } => a.value !== null)
    .filter((a) => a.period === null || a.period <= today)
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  const last = values.at(-1) ?? null;
  const latest = last?.value ?? null;
  const previous =
    values.length >= 2 ? (values.at(-2)?.value ?? null) : (measure.baseline?.value ?? null);
  const target = currentTarget(measure.targets, today);
  const expected = last ? expectedAt(measure, last.period ?? today, today) : null;
  const due = lastExpectedPeriod(measure.frequency ?? null, today);
  const missingPeriod = !last || (last.period !== null && last.period < due) ? due : null;
  return {
    status: statusOf(measure, latest, expected, tolerance, missingPeriod),
    trend: latest === null || previous === null ? 'no data' : trendOf(measure, previous, latest),
    latest,
    latestPeriod: last?.period ?? null,
    expected,
    target,
    targetMet: latest === null ? null : meets(measure, latest, target),
    missingPeriod,
  };
}

function statusOf(
  measure: MeasureForImpact,
  latest: number | null,
  expected: number | null,
  tolerance: number,
  missingPeriod: string | null,
): ImpactStatus {
  if (latest === null || missingPeriod !== null) return 'no-data';
  if (measure.direction === 'range') {
    const gap = distanceFromRange(measure, latest);
    if (gap === 0) return 'on-track';
    const edge = latest < (measure.rangeLow ?? 0) ? measure.rangeLow : measure.rangeHigh;
    return gap <= (Math.abs(edge ?? 0) * tolerance) / 100 ? 'within-tolerance' : 'off-track';
  }
  if (expected === null) return 'no-target';
  const ahead = measure.direction === 'higher' ? latest - expected : expected - latest;
  if (ahead >= 0) return 'on-track';
  return -ahead <= (Math.abs(expected) * tolerance) / 100 ? 'within-tolerance' : 'off-track';
}

/** The trajectory's value on `day`: baseline and dated targets joined by straight lines. */
export function expectedAt(measure: MeasureForImpact, day: string, today = day): number | null {
  if (measure.direction === 'range') return null;
  const points = trajectory(measure);
  if (points.length === 0) return currentTarget(measure.targets, today);
  const first = points[0];
  if (!first) return null;
  if (day <= first.date) {
    // Before the first point: a baseline is expected to hold; a target with no baseline
    // before it is expected from the start.
    return first.value;
  }
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b || day > b.date) continue;
    const span = daysBetween(a.date, b.date);
    return span === 0 ? b.value : a.value + ((b.value - a.value) * daysBetween(a.date, day)) / span;
  }
  return points.at(-1)?.value ?? null;
}

/** The points the trajectory passes through, in date order. */
export function trajectory(measure: MeasureForImpact): Array<{ date: string; value: number }> {
  const points: Array<{ date: string; value: number }> = [];
  const b = measure.baseline;
  if (b && b.value !== null && b.date !== null) points.push({ date: b.date, value: b.value });
  for (const t of measure.targets) {
    const end = dueEnd(t);
    if (t.value !== null && end !== null) points.push({ date: end, value: t.value });
  }
  return points.sort((x, y) => x.date.localeCompare(y.date));
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

function currentTarget(targets: Target[], today: string): number | null {
  const withValues = targets.filter((t) => t.value !== null);
  const open = withValues.find((t) => (dueEnd(t) ?? '9999-12-31') >= today);
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
