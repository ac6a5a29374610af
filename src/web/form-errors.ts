/**
 * The GOV.UK error pattern for a form: the error summary's list and each field's inline
 * message, in the same words. `issues` are field names; `messages` says what to do about each.
 */
export function formErrors(issues: string[], messages: Record<string, string>) {
  const text = (field: string) => messages[field] ?? 'Check this answer';
  return {
    errors: issues.map((f) => ({ text: text(f), href: `#${f}` })),
    fieldErrors: Object.fromEntries(issues.map((f) => [f, { text: text(f) }])),
  };
}
