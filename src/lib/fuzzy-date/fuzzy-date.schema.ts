import { z } from 'zod';
import type { FuzzyDate } from './fuzzy-date.types.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected an ISO date (yyyy-mm-dd)');

const recurrenceSchema = z.strictObject({
  frequency: z.enum(['weekly', 'monthly', 'quarterly', 'six-monthly', 'annually']),
  months: z.array(z.number().int().min(1).max(12)),
});

/** Validates a stored FuzzyDate exactly: no missing or extra fields, ISO dates only. */
export const fuzzyDateSchema = z.strictObject({
  text: z.string(),
  kind: z.enum([
    'date',
    'month',
    'quarter',
    'season',
    'financial-year',
    'year',
    'immediate',
    'ongoing',
    'recurring',
    'tbc',
    'unknown',
  ]),
  start: isoDate.nullable(),
  end: isoDate.nullable(),
  onwards: z.boolean(),
  reviewBy: isoDate.nullable(),
  recurrence: recurrenceSchema.nullable(),
  milestones: z.array(isoDate),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<FuzzyDate>;
