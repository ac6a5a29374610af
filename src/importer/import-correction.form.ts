import { z } from 'zod';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { CorrectableRow } from './import-correction.js';
import { dueText } from './import-draft-rows.js';

// "Correct this action" (or recommendation) on the review page of an import: one schema, its
// rules in the words the page shows (the GOV.UK error summary and the inline messages).

const MESSAGES = {
  text: 'Enter the text',
  leads: 'Each lead must be 200 characters or fewer',
  due: 'Enter a due date we can understand, such as ‘End June 2026’, ‘Autumn 2026’ or ‘Ongoing’',
};

/** The form's fields as typed → a Correction: text trimmed, one lead a line, no date as null. */
export const correctionForm = z.object({
  text: z
    .string()
    .default('')
    .refine((text) => text.trim() !== '', MESSAGES.text)
    .transform((text) => text.trim()),
  leads: z
    .string()
    .default('')
    .transform((leads) =>
      leads
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .refine((leads) => leads.every((l) => l.length <= 200), MESSAGES.leads),
  due: z
    .string()
    .default('')
    .refine((due) => !due.trim() || parseFuzzyDate(due).kind !== 'unknown', MESSAGES.due)
    .transform((due) => due.trim() || null),
});

/** The form's fields as a person typed them (or '' for one not sent), to show them again. */
export function correctionTyped(values: Record<string, string>): Record<string, string> {
  return { text: values.text ?? '', leads: values.leads ?? '', due: values.due ?? '' };
}

/** The form's fields for a row as the draft holds it. */
export function correctionValues(row: CorrectableRow): Record<string, string> {
  return {
    text: row.text,
    leads: row.leads.map((l) => l.name).join('\n'),
    due: dueText(row.due),
  };
}
