import { z } from 'zod';
import type { FuzzyDate } from './fuzzy-date.types.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected an ISO date (yyyy-mm-dd)');

const recurrenceSchema = z
  .strictObject({
    frequency: z.enum(['weekly', 'monthly', 'quarterly', 'six-monthly', 'annually']),
    months: z
      .array(z.number().int().min(1).max(12))
      .describe('The months named (1-12): [4] for "Annually (usually April)"; [] when none is'),
  })
  .describe('How often it recurs ("Quarterly", "Monthly"), or null when it does not');

/** Validates a stored FuzzyDate exactly: no missing or extra fields, ISO dates only. */
export const fuzzyDateSchema = z
  .strictObject({
    text: z.string().describe('The words as written ("By December 2017", "Spring term 2025")'),
    kind: z
      .enum([
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
      ])
      .describe('What the words were understood as; "unknown" when they could not be read'),
    start: isoDate.nullable().describe('First day of the window the words mean (ISO), or null'),
    end: isoDate
      .nullable()
      .describe('Last day of the window (ISO): the item is late after it; null when open-ended'),
    onwards: z.boolean().describe('"September 2017 onwards": starts at start and has no end'),
    reviewBy: isoDate
      .nullable()
      .describe(
        'A review point (ISO), as in "Ongoing (but progress to be checked in December 2017)"',
      ),
    recurrence: recurrenceSchema.nullable(),
    milestones: z
      .array(isoDate)
      .describe('When the words hold several dates, the end of each in order (ISO)'),
    warnings: z.array(z.string()).describe('What a person should check about the reading'),
  })
  .describe(
    'A date as written, with what it was understood as: the window as ISO dates, or the recurrence',
  ) satisfies z.ZodType<FuzzyDate>;
