import type { FieldIssue } from '../lib/errors.js';
import { periodText } from './measure-period.js';

// The rules a value must keep whichever way it arrives (a form, figures, a CSV file): a
// percentage lies between 0 and 100, and its period falls within the plan's time (from the
// plan's first month to a year after its end, since figures often arrive late).

/** The plan's time as the rules need it. */
export interface PlanSpan {
  periodStart: string | null;
  periodEnd: string | null;
}

/** What is wrong with `entry` for a measure of `unit` in a plan of `span`, as issues on value and period. */
export function valueRuleIssues(
  unit: string | null,
  span: PlanSpan,
  entry: { value: number | null; period: string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (entry.value !== null && unit === '%' && (entry.value < 0 || entry.value > 100)) {
    issues.push({ path: 'value', message: 'A percentage must be between 0 and 100' });
  }
  const from = span.periodStart ? `${span.periodStart.slice(0, 8)}01` : null;
  const to = span.periodEnd ? yearAfter(span.periodEnd) : null;
  if ((from && entry.period < from) || (to && entry.period > to)) {
    const words = [from && `from ${periodText(from, null)}`, to && `to ${periodText(to, null)}`];
    issues.push({
      path: 'period',
      message: `Enter a period within the plan’s time: ${words.filter(Boolean).join(' ')}`,
    });
  }
  return issues;
}

const yearAfter = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
