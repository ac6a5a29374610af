import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { type ContentForm, type Doc, type Issue, labelOf } from '../plans/content/content-form.js';
import { input, readRefs, refsField, text } from '../plans/content/field-specs.js';
import { firstNumber, parseNumberField, refsText } from '../plans/content/form-fields.js';

// The edit form for measures: name, baseline, staged targets, what they measure.

type Measure = Doc['measures'][number];
type Target = Measure['targets'][number];

// A target line keeps its words; its value is the first number and its due date the words
// after the last "by", when they can be read. A line left as it was keeps what it had.
function readTargets(lines: string, before: readonly Target[]): Target[] {
  return lines
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => {
      const kept = before.find((t) => t.text === line);
      if (kept) return kept;
      const by = /\bby\s+(.+)$/i.exec(line)?.[1];
      const due = by && parseFuzzyDate(by).kind !== 'unknown' ? by : null;
      return { value: firstNumber(line), text: line, due, lead: null };
    });
}

const RANGE = {
  low: 'Enter the lowest value of the range as a number, like 15',
  high: 'Enter the highest value of the range as a number, like 18',
  order: 'The highest value of the range must not be below the lowest',
};

// A range is read only for a measure kept within one; otherwise it is cleared.
function readRange(direction: string, v: Record<string, string>, issues: Issue[]) {
  if (direction !== 'range') return { rangeLow: null, rangeHigh: null };
  const low = parseNumberField(v.rangeLow ?? '');
  const high = parseNumberField(v.rangeHigh ?? '');
  if (low === null || low === undefined) issues.push({ field: 'rangeLow', text: RANGE.low });
  if (high === null || high === undefined) issues.push({ field: 'rangeHigh', text: RANGE.high });
  else if (typeof low === 'number' && high < low) {
    issues.push({ field: 'rangeHigh', text: RANGE.order });
  }
  return { rangeLow: low ?? null, rangeHigh: high ?? null };
}

export const measureForm: ContentForm<Measure> = {
  kind: 'measure',
  segment: 'measures',
  param: 'measureId',
  noun: 'measure',
  items: (doc) => doc.measures,
  name: (m) => `Measure ${labelOf({ ref: m.ref, text: m.name })}`,
  fields: () => [
    input('ref', 'Reference (optional)', 50, { classes: 'govuk-input--width-10' }),
    {
      name: 'name',
      label: 'Measure',
      hint: 'For example ‘Care leavers with a pathway plan’',
      control: 'textarea',
      max: 2000,
      required: 'Enter the measure',
      message: 'Enter the measure',
    },
    input('unit', 'Unit (optional)', 50, {
      hint: 'For example % or days',
      classes: 'govuk-input--width-5',
    }),
    {
      name: 'direction',
      label: 'Which way is better?',
      control: 'radios',
      items: [
        { value: 'higher', text: 'Higher is better' },
        { value: 'lower', text: 'Lower is better' },
        { value: 'range', text: 'Best kept within a range, for example caseloads of 15 to 18' },
      ],
      max: 10,
      required: 'Choose whether higher or lower is better, or a range',
      message: 'Choose whether higher or lower is better, or a range',
    },
    input('rangeLow', 'Lowest value of the range (only for a range)', 30, {
      hint: 'For example 15',
      classes: 'govuk-input--width-5',
      message: RANGE.low,
    }),
    input('rangeHigh', 'Highest value of the range (only for a range)', 30, {
      hint: 'For example 18',
      classes: 'govuk-input--width-5',
      message: RANGE.high,
    }),
    input('lead', 'Lead (optional)', 200),
    input('baselineText', 'Baseline (optional)', 2000, {
      hint: 'In words, for example ‘Turnover was 11.98% at January 2026’',
    }),
    input('baselineValue', 'Baseline value (optional)', 30, {
      hint: 'The number alone, for example 11.98',
      classes: 'govuk-input--width-10',
      message: 'Enter the baseline value as a number, like 11.98',
    }),
    {
      name: 'targets',
      label: 'Targets (optional)',
      hint: 'One per line, staged if you like: ‘Over 60% of cases good by July 2026’. The first number is the target and the words after ‘by’ its date.',
      control: 'textarea',
      max: 100 * 2000,
      message: 'Each target must be 2,000 characters or fewer, and there can be up to 100',
    },
    refsField(
      'recommendationRefs',
      'Recommendations it measures (optional)',
      'Their references, separated by commas, for example 1, 3',
    ),
    refsField(
      'actionRefs',
      'Actions it measures (optional)',
      'Their references, separated by commas, for example 1.1, 1.2',
    ),
  ],
  values: (m, { doc }) => ({
    ref: m?.ref ?? '',
    name: m?.name ?? '',
    unit: m?.unit ?? '',
    direction: m?.direction ?? '',
    rangeLow: m?.rangeLow === null || m?.rangeLow === undefined ? '' : String(m.rangeLow),
    rangeHigh: m?.rangeHigh === null || m?.rangeHigh === undefined ? '' : String(m.rangeHigh),
    lead: m?.lead ?? '',
    baselineText: m?.baseline?.text ?? '',
    baselineValue: m?.baseline?.value === null || !m?.baseline ? '' : String(m.baseline.value),
    targets: (m?.targets ?? []).map((t) => t.text).join('\n'),
    recommendationRefs: refsText(m?.recommendationIds ?? [], doc.recommendations),
    actionRefs: refsText(m?.actionIds ?? [], doc.actions),
  }),
  read: (v, { doc }, m) => {
    const issues: Issue[] = [];
    const value = parseNumberField(v.baselineValue ?? '');
    if (value === null)
      issues.push({
        field: 'baselineValue',
        text: 'Enter the baseline value as a number, like 11.98',
      });
    const targets = readTargets(v.targets ?? '', m?.targets ?? []);
    if (targets.length > 100 || targets.some((t) => t.text.length > 2000)) {
      issues.push({
        field: 'targets',
        text: 'Each target must be 2,000 characters or fewer, and there can be up to 100',
      });
    }
    const direction = v.direction || (m?.direction ?? '');
    const range = readRange(direction, v, issues);
    const baselineText = text(v.baselineText);
    const baseline =
      baselineText === null && value === undefined
        ? null
        : {
            value: value ?? null,
            // The date belongs to the words: kept only while they are unchanged.
            date: m?.baseline?.text === baselineText ? (m?.baseline?.date ?? null) : null,
            text: baselineText,
          };
    return {
      input: {
        ref: text(v.ref),
        name: v.name,
        unit: text(v.unit),
        direction,
        ...range,
        lead: text(v.lead),
        baseline,
        targets,
        recommendationIds: readRefs(
          v,
          'recommendationRefs',
          doc.recommendations,
          'recommendation',
          issues,
        ),
        actionIds: readRefs(v, 'actionRefs', doc.actions, 'action', issues),
      },
      issues,
    };
  },
  done: (planId) => `/plans/${planId}/edit#measures`,
};
