// Plans must not carry children's personal data. We cannot be sure, so we warn rather than
// remove: a person checks the draft before it is saved.
const DOB = /\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[,(]?\s*(?:DOB|D\.O\.B\.?|date of birth|born)\b/i;
const NHS = /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/;

/** Why a text looks like personal data about a child, or null. */
export function personalDataReason(text: string): string | null {
  if (DOB.test(text)) return 'a name followed by a date of birth';
  const nhs = NHS.exec(text);
  if (nhs && !/£|\d{3}[ -]\d{3}[ -]\d{4}.*@/.test(text) && !/^0/.test(nhs[0])) {
    return 'a 10-digit number like an NHS number';
  }
  return null;
}
