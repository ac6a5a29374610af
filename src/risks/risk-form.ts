import {
  type Choice,
  type ContentForm,
  type Doc,
  type Issue,
  type FieldSpec,
  labelOf,
  withBlank,
} from '../plans/content/content-form.js';
import { input, readRefs, refsField, text } from '../plans/content/field-specs.js';
import { refsText } from '../plans/content/form-fields.js';

// The edit form for risks: before and after controls, who owns them, what they threaten.

type Risk = Doc['risks'][number];

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
