import { findPersonalData } from '../../lib/personal-data.js';

// Plans must not carry children's personal data. We cannot be sure, so the importer warns
// rather than removes: a person checks the draft before it is saved. The rules are the ones
// the web's forms refuse with (lib/personal-data.ts).

/** Why a text looks like personal data about a child, or null. */
export function personalDataReason(text: string): string | null {
  return findPersonalData(text)?.what ?? null;
}
