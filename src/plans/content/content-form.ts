import type { FormIssue } from '../../web/forms.js';
import type { EntityKind } from './plan-entities.js';
import type { PlanDocumentParsed } from '../document/plan-document.schema.js';

// The shape every edit form of a plan's content shares (structure-forms.ts and each
// concept's own, such as actions/action-forms.ts, define one per kind): its fields, how stored values become the text in
// the form, and how the typed text becomes the content service's input.

export type Doc = PlanDocumentParsed;
export interface Choice {
  value: string;
  text: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  control: 'input' | 'textarea' | 'select' | 'radios';
  /** Width classes for an input. */
  classes?: string;
  items?: Choice[];
  /** The most characters the field takes. */
  max: number;
  /** When set, the field must not be blank, and this says so. */
  required?: string;
  /** What to do when the service refuses the value. */
  message: string;
}

/** A problem with one field, as the shared form pipeline shows it (web/forms.ts). */
export type Issue = FormIssue;

export interface FormContext {
  doc: Doc;
  /** For a new action: the recommendation it belongs to. */
  parentId?: string;
}

export interface Referable {
  id: string;
  ref?: string | null;
  [field: string]: unknown;
}

/** One kind's edit form. Methods (not arrow properties) so the registry can hold every kind. */
export interface ContentForm<T extends Referable> {
  kind: EntityKind;
  /** The URL segment: /plans/:planId/<segment>/:<param>/... */
  segment: string;
  /** The route parameter naming one item: recId, actionId, measureId... */
  param: string;
  /** "recommendation", "theme or workstream" */
  noun: string;
  items(doc: Doc): readonly T[];
  /** How the item is named in captions and confirmations: "Recommendation 1". */
  name(item: T): string;
  fields(ctx: FormContext): FieldSpec[];
  values(item: T | null, ctx: FormContext): Record<string, string>;
  /** The service input read from the form; issues for text the form could not read. */
  read(
    values: Record<string, string>,
    ctx: FormContext,
    item: T | null,
  ): { input: Record<string, unknown>; issues: Issue[] };
  /** Where to go once saved (and where "Back" goes). */
  done(planId: string, item: Referable): string;
}

/** Checks each field's length and required-ness before anything is read or saved. */
export function checkLengths(fields: FieldSpec[], values: Record<string, string>): Issue[] {
  const issues: Issue[] = [];
  for (const f of fields) {
    const value = values[f.name] ?? '';
    if (f.required && !value.trim()) issues.push({ field: f.name, text: f.required });
    else if (value.length > f.max) {
      issues.push({
        field: f.name,
        text: `${f.label.replace(/ \(optional\)$/, '')} must be ${f.max.toLocaleString('en-GB')} characters or fewer`,
      });
    }
  }
  return issues;
}

/** A select's or radios' choices with a blank first choice. */
export const withBlank = (text: string, choices: Choice[]): Choice[] => [
  { value: '', text },
  ...choices,
];

/** The words shown for a thing with a ref: "1.2 Audit case files" (shortened). */
export function labelOf(item: { ref?: string | null; text?: string; title?: string }): string {
  const words = item.title ?? item.text ?? '';
  const short = words.length > 80 ? `${words.slice(0, 77)}…` : words;
  return [item.ref, short].filter(Boolean).join(' ');
}
