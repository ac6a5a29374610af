import { formatNumber } from './measure-format.js';
import {
  assessImpact,
  DEFAULT_TOLERANCE,
  type Impact,
  type ImpactStatus,
} from './measure-impact.js';
import { ACTUAL } from './measure.schema.js';
import { periodText } from './measure-period.js';

// A measure's values and impact read from a plan document (today's or one rebuilt as at a day).

interface DocMeasure {
  id: string;
  unit: string | null;
  direction: 'higher' | 'lower' | 'range';
  rangeLow: number | null;
  rangeHigh: number | null;
  frequency?: 'monthly' | 'quarterly' | 'annually' | null;
  baseline: { value: number | null; date: string | null } | null;
  targets: Array<{ value: number | null; due: unknown }>;
}
export interface DocValue {
  id: string;
  measureId: string;
  series: string;
  period: string | null;
  periodLabel: string | null;
  value: number | null;
  missing: string | null;
  provisional: boolean;
  note: string | null;
  source: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
}
export interface MeasureDoc {
  plan: { impactTolerance?: number | null };
  measureValues: DocValue[];
}

/** The measure's values of one series (or every series), oldest period first. */
export function valuesOf(doc: MeasureDoc, measureId: string, series?: string): DocValue[] {
  return doc.measureValues
    .filter((v) => v.measureId === measureId && (series === undefined || v.series === series))
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
}

/** The comparators' names the measure has values for, in the order first given. */
export function comparatorsOf(doc: MeasureDoc, measureId: string): string[] {
  const names = doc.measureValues
    .filter((v) => v.measureId === measureId && v.series !== ACTUAL)
    .map((v) => v.series);
  return [...new Set(names)];
}

/** The measure's impact on `today`, with the plan's tolerance. */
export function impactOf(doc: MeasureDoc, measure: DocMeasure, today: string): Impact {
  return assessImpact(
    { ...measure, targets: measure.targets as Parameters<typeof assessImpact>[0]['targets'] },
    valuesOf(doc, measure.id, ACTUAL),
    today,
    doc.plan.impactTolerance ?? DEFAULT_TOLERANCE,
  );
}

const STATUS_WORDS: Record<ImpactStatus, { text: string; colour: string }> = {
  'on-track': { text: 'On or ahead of trajectory', colour: 'govuk-tag--green' },
  'within-tolerance': { text: 'Within tolerance', colour: 'govuk-tag--yellow' },
  'off-track': { text: 'Off trajectory', colour: 'govuk-tag--red' },
  'no-data': { text: 'No data', colour: 'govuk-tag--grey' },
  'no-target': { text: 'No target set', colour: 'govuk-tag--grey' },
};

/** The impact status as a GOV.UK tag, with the missing period named ("No data for October 2026"). */
export function impactTag(impact: Impact): { text: string; classes: string } {
  const words = STATUS_WORDS[impact.status];
  const text =
    impact.status === 'no-data' && impact.missingPeriod
      ? `No data for ${periodText(impact.missingPeriod, null)}`
      : words.text;
  return { text, classes: words.colour };
}

/** The impact status words, for filters and CSV. */
export function impactWords(status: ImpactStatus): string {
  return STATUS_WORDS[status].text;
}

/** A value as a person reads it: "68%", "Suppressed (c)", "12.5 days", "Provisional". */
export function valueText(
  v: Pick<DocValue, 'value' | 'missing' | 'provisional'>,
  unit: string | null,
) {
  if (v.value === null) return v.missing ? `Not available (${v.missing})` : 'No value';
  return `${formatNumber(v.value, unit)}${v.provisional ? ' (provisional)' : ''}`;
}

export { periodText };
