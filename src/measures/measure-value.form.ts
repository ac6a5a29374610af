import { z } from 'zod';
import { MISSING_MARKS } from './measure.schema.js';
import { type Period, parsePeriod } from './measure-period.js';

// Reading a value as people type it (in a form or a CSV cell): "68", "68%", "1,204.5",
// or a mark for a value that is suppressed or not available: x, c, .., n/a.

export type ReadValue =
  { value: number; missing: null } | { value: null; missing: (typeof MISSING_MARKS)[number] };

/** The value in the words, or null when they are neither a number nor a missing mark. */
export function readValue(words: string): ReadValue | null {
  const text = words.trim().toLowerCase();
  const mark = MISSING_MARKS.find((m) => m === text || (m === 'n/a' && text === 'na'));
  if (mark) return { value: null, missing: mark };
  const number = text.replace(/,(?=\d{3}\b)/g, '').replace(/\s*%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(number)) return null;
  return { value: Number(number), missing: null };
}

export const VALUE_MESSAGES = {
  period: 'Enter the period, like April 2026, 2026-04, Q1 2026/27 or 2026/27',
  value:
    'Enter the value as a number, like 68 or 68.5, or x, c, .. or n/a when it is suppressed or not available',
  series: 'The comparator’s name must be 200 characters or fewer',
  note: 'The note must be 2,000 characters or fewer',
  source: 'The source must be 200 characters or fewer',
};

/** The "add or correct a value" form: one zod schema, the words people read. */
export const valueForm = z
  .object({
    period: z.string(),
    value: z.string(),
    series: z.string().max(200, VALUE_MESSAGES.series),
    provisional: z.string(),
    note: z.string().max(2000, VALUE_MESSAGES.note),
    source: z.string().max(200, VALUE_MESSAGES.source),
  })
  .transform((v, ctx) => {
    const period = parsePeriod(v.period);
    const value = readValue(v.value);
    if (!period) ctx.addIssue({ code: 'custom', path: ['period'], message: VALUE_MESSAGES.period });
    if (!value) ctx.addIssue({ code: 'custom', path: ['value'], message: VALUE_MESSAGES.value });
    if (!period || !value) return z.NEVER;
    return {
      period: period satisfies Period,
      ...value,
      series: v.series.trim() || 'actual',
      provisional: v.provisional === 'yes',
      note: v.note.trim() || null,
      source: v.source.trim() || null,
    };
  });

export const VALUE_FIELDS = ['period', 'value', 'series', 'provisional', 'note', 'source'] as const;
