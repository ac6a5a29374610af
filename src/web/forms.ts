import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ConflictError, ValidationError } from '../lib/errors.js';
import { findPersonalData, personalDataMessage } from '../lib/personal-data.js';

// The one form pipeline. Every form is read the same way:
//   1. its text fields are taken from the body (formValues);
//   2. one zod schema per form checks them, each rule carrying the words a person reads
//      (readForm turns the schema's issues into FormIssues, one per field);
//   3. a service's own refusal (ValidationError, ConflictError) becomes FormIssues too
//      (serviceIssues), placed on the form's fields;
//   Every text a person typed is also checked for a child's personal data (personalDataIssues,
//   which readForm applies to every field it reads): refused, with what was found, before anything is saved.
//   4. formErrors turns FormIssues into the GOV.UK error summary and the inline messages,
//      in the same words, the first problem of each field only.

/** A problem with one field of a form, in the words shown to the person. */
export interface FormIssue {
  /** The field's name (its id in the page, unless `anchors` says otherwise). */
  field: string;
  text: string;
}

/** The GOV.UK error pattern: the summary's list and each field's inline message. */
export interface FormErrors {
  errors: Array<{ text: string; href: string }>;
  fieldErrors: Record<string, { text: string }>;
}

/**
 * The error summary and the inline messages from a form's issues: one message per field
 * (the first found), in the order found. `anchors` names the element to jump to for a
 * field whose first input has another id (a date's day field, say).
 */
export function formErrors(issues: FormIssue[], anchors: Record<string, string> = {}): FormErrors {
  const first = new Map<string, string>();
  for (const issue of issues) if (!first.has(issue.field)) first.set(issue.field, issue.text);
  return {
    errors: [...first].map(([field, text]) => ({ text, href: `#${anchors[field] ?? field}` })),
    fieldErrors: Object.fromEntries([...first].map(([field, text]) => [field, { text }])),
  };
}

/**
 * A posted form's text fields (anything else, such as a file, is ignored). Given `names`,
 * exactly those fields, each '' when it was not sent.
 */
export function formValues(
  request: FastifyRequest,
  names?: readonly string[],
): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (names)
    return Object.fromEntries(names.map((n) => [n, typeof body[n] === 'string' ? body[n] : '']));
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FormIssue[] };

/**
 * Checks a form's values against its schema. Each issue is placed on the field its path
 * starts with (or on `wholeForm` when it has none), with the schema's own message.
 */
export function readForm<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
  wholeForm = 'form',
): FormResult<z.output<S>> {
  const result = schema.safeParse(values);
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({
        field: issue.path.length ? String(issue.path[0]) : wholeForm,
        text: issue.message,
      }));
  // A field the schema found wrong is corrected first; every other is checked for personal data.
  const wrong = new Set(issues.map((i) => i.field));
  const guarded = personalDataIssues(values).filter((i) => !wrong.has(i.field));
  if (result.success && !guarded.length) return { ok: true, value: result.data };
  return { ok: false, issues: [...issues, ...guarded] };
}

/** Fields that are not text a person typed about the plan: secrets, keys and form bookkeeping. */
const NOT_TYPED = /^(_csrf|token|version|original|from|returnTo|email|.*password.*)$/i;

/**
 * The personal-data guard: an issue for each typed text field (of `values`) that looks like a
 * child's personal data (lib/personal-data.ts), saying what was found and why it is refused.
 */
export function personalDataIssues(values: Record<string, unknown>): FormIssue[] {
  const issues: FormIssue[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (typeof value !== 'string' || NOT_TYPED.test(field)) continue;
    const found = findPersonalData(value);
    if (found) issues.push({ field, text: personalDataMessage(found) });
  }
  return issues;
}

/**
 * A service's refusal as issues of the form: each validation issue on the field `fields` maps
 * its path to (a path's first part is tried too), else on `otherwise`; a conflict on
 * `otherwise`. Null for any other error, which the caller lets through.
 */
export function serviceIssues(
  error: unknown,
  fields: Record<string, string>,
  otherwise: string,
  messages: Record<string, string> = {},
): FormIssue[] | null {
  if (error instanceof ValidationError) {
    return error.issues.map((i) => {
      const field = fields[i.path] ?? fields[i.path.split('.')[0] ?? ''] ?? otherwise;
      return { field, text: messages[field] ?? capitalise(i.message) };
    });
  }
  if (error instanceof ConflictError) return [{ field: otherwise, text: error.message }];
  return null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
