import { formErrors } from '../../web/forms.js';
import type { ConflictRow } from '../../web/edit-conflict.js';
import type { FieldSpec, Issue } from './content-form.js';

// Plain values for content-form.njk: each field as the parameters of its GOV.UK macro,
// and the error summary with the same words as the inline messages.

/** One field as its macro's parameters; `control` says which macro. */
export function fieldParams(field: FieldSpec, value: string, error: { text: string } | undefined) {
  const hint = field.hint ? { text: field.hint } : undefined;
  if (field.control === 'radios') {
    return {
      control: 'radios',
      params: {
        idPrefix: field.name,
        name: field.name,
        fieldset: { legend: { text: field.label, classes: 'govuk-fieldset__legend--s' } },
        hint,
        errorMessage: error,
        items: (field.items ?? []).map((i) => ({ ...i, checked: i.value === value })),
      },
    };
  }
  const common = {
    id: field.name,
    name: field.name,
    label: { text: field.label, classes: 'govuk-label--s' },
    hint,
    errorMessage: error,
  };
  if (field.control === 'select') {
    return {
      control: 'select',
      params: {
        ...common,
        items: (field.items ?? []).map((i) => ({ ...i, selected: i.value === value })),
      },
    };
  }
  return {
    control: field.control,
    params: { ...common, value, classes: field.classes, spellcheck: false },
  };
}

export interface FormPageInput {
  title: string;
  caption: string;
  postHref: string;
  backHref: string;
  backText: string;
  submitText: string;
  fields: FieldSpec[];
  values: Record<string, string>;
  issues: Issue[];
  /** A new item's idempotency token. */
  token?: string;
  /** An existing item's version as the form read it, and its fields then (JSON). */
  version?: string;
  original?: string;
  /** What someone else changed after the form was opened (see edit-conflict.njk). */
  conflict?: ConflictRow[] | null;
}

/** Everything content-form.njk shows. */
export function formPage(input: FormPageInput) {
  const { errors, fieldErrors } = formErrors(input.issues);
  return {
    title: input.title,
    errors,
    form: {
      heading: input.title,
      caption: input.caption,
      postHref: input.postHref,
      backHref: input.backHref,
      backText: input.backText,
      submitText: input.submitText,
      token: input.token ?? '',
      version: input.version ?? '',
      original: input.original ?? '',
      conflict: input.conflict ?? null,
      fields: input.fields.map((f) =>
        fieldParams(f, input.values[f.name] ?? '', fieldErrors[f.name]),
      ),
    },
  };
}
