import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import {
  type Choice,
  type ContentForm,
  type Doc,
  type FieldSpec,
  type Issue,
  labelOf,
  withBlank,
} from './content-form.js';
import {
  firstNumber,
  parseNumberField,
  parsePounds,
  parseRefs,
  poundsText,
  refsText,
} from './form-fields.js';

// The edit forms for measures (name, baseline, staged targets, what they measure), risks
// and costs.

type Measure = Doc['measures'][number];
type Risk = Doc['risks'][number];
type Cost = Doc['costs'][number];
type Target = Measure['targets'][number];

const text = (v: string | undefined) => (v ?? '').trim() || null;
const input = (name: string, label: string, max: number, extra: Partial<FieldSpec> = {}) =>
  ({
    name,
    label,
    control: 'input',
    max,
    message: `${label.replace(/ \(optional\)$/, '')} must be ${max} characters or fewer`,
    ...extra,
  }) satisfies FieldSpec;
const refsField = (name: string, label: string, hint: string): FieldSpec =>
  input(name, label, 5000, {
    hint,
    message: `${label.replace(/ \(optional\)$/, '')}: enter references that are in this plan, separated by commas`,
  });

/** Refs typed into `field`, or an issue naming the ones that match nothing. */
function readRefs(
  v: Record<string, string>,
  field: string,
  items: Array<{ id: string; ref: string | null }>,
  noun: string,
  issues: Issue[],
): string[] {
  const { ids, unknown } = parseRefs(v[field] ?? '', items);
  if (unknown.length) {
    issues.push({
      field,
      text: `There is no ${noun} ${unknown.join(', ')} in this plan: enter references that are in this plan, separated by commas`,
    });
  }
  return ids;
}

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
      ],
      max: 10,
      required: 'Choose whether higher or lower is better',
      message: 'Choose whether higher or lower is better',
    },
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
        // A measure kept within a range keeps its range; the form offers higher or lower.
        direction: v.direction || (m?.direction ?? ''),
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
        ...(m ? {} : { rangeLow: null, rangeHigh: null, actuals: [], comparators: [] }),
      },
      issues,
    };
  },
  done: (planId) => `/plans/${planId}/edit#measures`,
};

const LEVELS: Choice[] = ['very low', 'low', 'medium', 'high', 'very high'].map((l) => ({
  value: l,
  text: l[0]?.toUpperCase() + l.slice(1),
}));
const level = (name: string, label: string): FieldSpec => ({
  name,
  label,
  control: 'select',
  items: withBlank('Not rated', LEVELS),
  max: 20,
  message: `Choose the ${label.toLowerCase()} from the list`,
});

export const riskForm: ContentForm<Risk> = {
  kind: 'risk',
  segment: 'risks',
  param: 'riskId',
  noun: 'risk',
  items: (doc) => doc.risks,
  name: (k) => `Risk ${labelOf({ ref: k.ref, text: k.threat })}`,
  fields: () => [
    input('ref', 'Reference (optional)', 50, { classes: 'govuk-input--width-10' }),
    {
      name: 'threat',
      label: 'Risk',
      hint: 'The threat to the plan',
      control: 'textarea',
      max: 20_000,
      required: 'Enter the risk',
      message: 'Enter the risk',
    },
    level('impactBefore', 'Impact before controls'),
    level('probabilityBefore', 'Probability before controls'),
    {
      name: 'controls',
      label: 'Controls (optional)',
      control: 'textarea',
      max: 20_000,
      message: 'Controls must be 20,000 characters or fewer',
    },
    refsField(
      'controlActionRefs',
      'Actions that control it (optional)',
      'Their references, separated by commas, for example 1.1, 2.3',
    ),
    level('impactAfter', 'Impact after controls'),
    level('probabilityAfter', 'Probability after controls'),
    input('owner', 'Owner (optional)', 200),
  ],
  values: (k, { doc }) => ({
    ref: k?.ref ?? '',
    threat: k?.threat ?? '',
    impactBefore: k?.impactBefore ?? '',
    probabilityBefore: k?.probabilityBefore ?? '',
    controls: k?.controls ?? '',
    controlActionRefs: refsText(k?.controlActionIds ?? [], doc.actions),
    impactAfter: k?.impactAfter ?? '',
    probabilityAfter: k?.probabilityAfter ?? '',
    owner: k?.owner ?? '',
  }),
  read: (v, { doc }) => {
    const issues: Issue[] = [];
    return {
      input: {
        ref: text(v.ref),
        threat: v.threat,
        impactBefore: v.impactBefore || null,
        probabilityBefore: v.probabilityBefore || null,
        controls: text(v.controls) === null ? null : (v.controls ?? null),
        controlActionIds: readRefs(v, 'controlActionRefs', doc.actions, 'action', issues),
        impactAfter: v.impactAfter || null,
        probabilityAfter: v.probabilityAfter || null,
        owner: text(v.owner),
      },
      issues,
    };
  },
  done: (planId) => `/plans/${planId}/edit#risks`,
};

const AMOUNT_MESSAGE = 'Enter the amount in pounds, like 67,961 or 1200.50';
const YEAR_MESSAGE = 'Enter the financial year like 2026/27';

export const costForm: ContentForm<Cost> = {
  kind: 'cost',
  segment: 'costs',
  param: 'costId',
  noun: 'cost',
  items: (doc) => doc.costs,
  name: (c) => `Cost ${labelOf({ text: c.item })}`,
  fields: ({ doc }) => [
    {
      name: 'item',
      label: 'What it pays for',
      control: 'textarea',
      max: 1000,
      required: 'Enter what the cost pays for',
      message: 'Enter what the cost pays for',
    },
    input('amount', 'Amount in pounds', 30, {
      classes: 'govuk-input--width-10',
      required: AMOUNT_MESSAGE,
      message: AMOUNT_MESSAGE,
    }),
    {
      name: 'recurrence',
      label: 'One-off or recurrent?',
      control: 'radios',
      items: [
        { value: 'one-off', text: 'One-off' },
        { value: 'recurrent', text: 'Recurrent (every year)' },
      ],
      max: 20,
      required: 'Choose one-off or recurrent',
      message: 'Choose one-off or recurrent',
    },
    input('financialYear', 'Financial year (optional)', 7, {
      hint: 'For example 2026/27',
      classes: 'govuk-input--width-5',
      message: YEAR_MESSAGE,
    }),
    {
      name: 'staffing',
      label: 'Staffing (optional)',
      control: 'select',
      items: withBlank('Not staffing', [
        { value: 'agency', text: 'Agency staff' },
        { value: 'permanent', text: 'Permanent staff' },
      ]),
      max: 20,
      message: 'Choose agency or permanent staff from the list',
    },
    input('actionRef', 'Action (optional)', 50, {
      hint: 'The reference of the action it pays for, for example 1.1',
      classes: 'govuk-input--width-10',
      message: 'Action: enter the reference of an action in this plan',
    }),
    {
      name: 'themeId',
      label: 'Theme or workstream (optional)',
      control: 'select',
      items: withBlank(
        'None',
        doc.themes.map((t) => ({ value: t.id, text: labelOf(t) })),
      ),
      max: 64,
      message: 'Choose a theme or workstream from the list',
    },
    {
      name: 'notes',
      label: 'Notes (optional)',
      control: 'textarea',
      max: 20_000,
      message: 'Notes must be 20,000 characters or fewer',
    },
  ],
  values: (c, { doc }) => ({
    item: c?.item ?? '',
    amount: c ? poundsText(c.amountPence) : '',
    recurrence: c?.recurrence ?? '',
    financialYear: c?.financialYear ?? '',
    staffing: c?.staffing ?? '',
    actionRef: c?.actionId ? refsText([c.actionId], doc.actions) : '',
    themeId: c?.themeId ?? '',
    notes: c?.notes ?? '',
  }),
  read: (v, { doc }) => {
    const issues: Issue[] = [];
    const pence = parsePounds(v.amount ?? '');
    if (pence === null && (v.amount ?? '').trim())
      issues.push({ field: 'amount', text: AMOUNT_MESSAGE });
    const actionIds = readRefs(v, 'actionRef', doc.actions, 'action', issues);
    if (actionIds.length > 1)
      issues.push({ field: 'actionRef', text: 'Enter the reference of one action' });
    return {
      input: {
        item: v.item,
        amountPence: pence ?? 0,
        recurrence: v.recurrence,
        financialYear: text(v.financialYear),
        staffing: v.staffing || null,
        actionId: actionIds[0] ?? null,
        themeId: v.themeId || null,
        notes: text(v.notes) === null ? null : (v.notes ?? null),
      },
      issues,
    };
  },
  done: (planId) => `/plans/${planId}/edit#costs`,
};
