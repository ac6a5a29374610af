import type { FastifyRequest } from 'fastify';
import { ConflictError, ValidationError } from '../lib/errors.js';

/** A posted form's text fields (anything else is ignored). */
export function formValues(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Lines of a textarea as a list (lead names). */
export function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A GOV.UK date input's three fields as the end of that day (UTC), or null if left empty. */
/** 'invalid' when the fields do not make a real date. */
export function endOfDay(day = '', month = '', year = ''): string | null {
  if (!day.trim() && !month.trim() && !year.trim()) return null;
  const [d = NaN, m = NaN, y = NaN] = [day, month, year].map((v) => Number(v.trim()));
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000)
    return 'invalid';
  const date = new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return 'invalid';
  return date.toISOString();
}

/**
 * The GOV.UK error pattern from a service's error: each issue on its field (`fields` maps the
 * service's paths to the form's field ids and anchors), a conflict on `conflictField`.
 */
export function errorsOf(
  error: unknown,
  fields: Record<string, string>,
  conflictField: string,
): {
  errors: Array<{ text: string; href: string }>;
  fieldErrors: Record<string, { text: string }>;
} | null {
  let issues: Array<{ field: string; text: string }>;
  if (error instanceof ValidationError) {
    issues = error.issues.map((i) => ({
      field: fields[i.path] ?? conflictField,
      text: capitalise(i.message),
    }));
  } else if (error instanceof ConflictError) {
    issues = [{ field: conflictField, text: error.message }];
  } else {
    return null;
  }
  const first = new Map<string, string>();
  for (const issue of issues) if (!first.has(issue.field)) first.set(issue.field, issue.text);
  return {
    errors: [...first].map(([field, text]) => ({ text, href: `#${anchor(field)}` })),
    fieldErrors: Object.fromEntries([...first].map(([field, text]) => [field, { text }])),
  };
}

const anchor = (field: string) => (field === 'expires' ? 'expires-day' : field);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
