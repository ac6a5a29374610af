import {
  type ContentForm,
  type Doc,
  type Issue,
  labelOf,
  withBlank,
} from '../plans/content/content-form.js';
import { input, readRefs, text } from '../plans/content/field-specs.js';
import { parsePounds, poundsText, refsText } from '../plans/content/form-fields.js';

// The edit form for costs: in pounds as typed, one-off or recurrent, by financial year.

type Cost = Doc['costs'][number];

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
