import type { FieldSpec, Issue } from './content-form.js';
import { dueReadable, parseLeadsField, parseRefs } from './form-fields.js';

// The fields several kinds of content share (reference, leads, due date, references to other
// items) and the readers for them, for every concept's edit form.

/** The two kinds of recommendation an Ofsted report makes. */
export const CATEGORY = [
  { value: 'priority', text: 'Priority and immediate action' },
  { value: 'improvement', text: 'Area for improvement' },
];

const DUE_HINT =
  'As you would write it, for example ‘End June 2026’, ‘Autumn 2026’, ‘Quarterly’ or ‘Ongoing’';
export const DUE_MESSAGE =
  'Enter a due date we can understand, such as ‘End June 2026’, ‘Autumn 2026’ or ‘Ongoing’';
const LEADS_HINT =
  'One per line, or separated by / or ;. A role title with commas, such as ‘Head of Service, Care Leavers’, stays one lead.';
export const LEADS_MESSAGE =
  'Each lead must be 200 characters or fewer, and there can be up to 50 leads';

export const ref = (hint: string): FieldSpec => ({
  name: 'ref',
  label: 'Reference (optional)',
  hint,
  control: 'input',
  classes: 'govuk-input--width-10',
  max: 50,
  message: 'Reference must be 50 characters or fewer',
});
export const leads: FieldSpec = {
  name: 'leads',
  label: 'Leads (optional)',
  hint: LEADS_HINT,
  control: 'textarea',
  max: 12_000,
  message: LEADS_MESSAGE,
};
export const due: FieldSpec = {
  name: 'due',
  label: 'Due date (optional)',
  hint: DUE_HINT,
  control: 'input',
  classes: 'govuk-!-width-one-half',
  max: 200,
  message: DUE_MESSAGE,
};

/** A text field's value, or null when left empty. */
export const text = (v: string | undefined) => (v ?? '').trim() || null;

/** Reads leads and a due date, the two fields recommendations and actions share. */
export function readLeadsAndDue(values: Record<string, string>, issues: Issue[]) {
  const parsed = parseLeadsField(values.leads ?? '');
  if (!parsed) issues.push({ field: 'leads', text: LEADS_MESSAGE });
  if (!dueReadable(values.due ?? '')) issues.push({ field: 'due', text: DUE_MESSAGE });
  return { leads: parsed ?? [], due: text(values.due) };
}

/** A one-line text field of at most `max` characters. */
export const input = (name: string, label: string, max: number, extra: Partial<FieldSpec> = {}) =>
  ({
    name,
    label,
    control: 'input',
    max,
    message: `${label.replace(/ \(optional\)$/, '')} must be ${max} characters or fewer`,
    ...extra,
  }) satisfies FieldSpec;

/** A field of references to other items of the plan, separated by commas. */
export const refsField = (name: string, label: string, hint: string): FieldSpec =>
  input(name, label, 5000, {
    hint,
    message: `${label.replace(/ \(optional\)$/, '')}: enter references that are in this plan, separated by commas`,
  });

/** Refs typed into `field`, or an issue naming the ones that match nothing. */
export function readRefs(
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
