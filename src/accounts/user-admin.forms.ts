import { formErrors, serviceIssues } from '../web/forms.js';

/** Lines of a textarea as a list (lead names). */
export function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * A GOV.UK date input's three fields as the end of that day (UTC), or null if left empty;
 * 'invalid' when the fields do not make a real date.
 */
export function endOfDay(day = '', month = '', year = ''): string | null {
  if (!day.trim() && !month.trim() && !year.trim()) return null;
  const [d = NaN, m = NaN, y = NaN] = [day, month, year].map((v) => Number(v.trim()));
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000)
    return 'invalid';
  const date = new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return 'invalid';
  return date.toISOString();
}

/** A service's refusal on the people forms, as the GOV.UK error pattern (null: not ours). */
export function refusalOf(error: unknown, fields: Record<string, string>, otherwise: string) {
  const issues = serviceIssues(error, fields, otherwise);
  return issues && formErrors(issues, { expires: 'expires-day' });
}
