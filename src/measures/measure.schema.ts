import { z } from 'zod';
import { fuzzyDateSchema } from '../lib/fuzzy-date/fuzzy-date.schema.js';
import {
  entityId,
  storableText,
  isoDate,
  optionalText,
  requiredText,
  SHORT,
} from '../lib/schema-parts.js';

const number = z.number().finite();

/** A value at a date stated in words: a baseline ("Turnover was 11.98% at Jan 2014"). */
export const statedValueSchema = z.strictObject({
  value: number.nullable(),
  date: isoDate.nullable(),
  text: optionalText(2000),
});

/** A staged target: its value, when it is due and who leads it. */
export const measureTargetSchema = z.strictObject({
  value: number.nullable(),
  text: requiredText(2000),
  due: z.union([storableText.max(SHORT), fuzzyDateSchema]).nullable(),
  lead: optionalText(SHORT),
});

/** A comparator figure as earlier documents gave it inside the measure (now a measure value). */
const legacyComparatorSchema = z.strictObject({
  name: requiredText(SHORT),
  value: number.nullable(),
  date: isoDate.nullable(),
  text: optionalText(2000),
});

export const MEASURE_FREQUENCIES = ['monthly', 'quarterly', 'annually'] as const;

const measureFields = {
  id: entityId,
  ref: optionalText(50),
  name: requiredText(2000),
  unit: optionalText(50),
  direction: z.enum(['higher', 'lower', 'range']),
  rangeLow: number.nullable(),
  rangeHigh: number.nullable(),
  lead: optionalText(SHORT),
  baseline: statedValueSchema.nullable(),
  targets: z.array(measureTargetSchema).max(100),
  /** How often a value is expected; null: monthly. */
  frequency: z.enum(MEASURE_FREQUENCIES).nullable().default(null),
  actionIds: z.array(entityId).max(500),
  recommendationIds: z.array(entityId).max(500),
};

function checkRange(
  m: { direction: string; rangeLow: number | null; rangeHigh: number | null },
  ctx: z.RefinementCtx,
) {
  if (m.direction === 'range' && (m.rangeLow === null || m.rangeHigh === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['rangeLow'],
      message: 'a measure kept within a range needs rangeLow and rangeHigh',
    });
  }
  if (m.rangeLow !== null && m.rangeHigh !== null && m.rangeLow > m.rangeHigh) {
    ctx.addIssue({ code: 'custom', path: ['rangeHigh'], message: 'must not be below rangeLow' });
  }
}

/** An improvement measure (KPI). Its impact is judged from its values against targets, not RAG. */
export const measureSchema = z.strictObject(measureFields).superRefine(checkRange);

/**
 * A measure in the interchange document. `actuals` and `comparators` are read from documents
 * written before values had a list of their own (`measureValues`); importing turns them into
 * measure values, and an export never writes them.
 */
export const documentMeasureSchema = z
  .strictObject({
    ...measureFields,
    actuals: z.array(statedValueSchema).max(1000).optional(),
    comparators: z.array(legacyComparatorSchema).max(100).optional(),
  })
  .superRefine(checkRange);

/** The words that mark a value as suppressed or not available: kept as missing, never zero. */
export const MISSING_MARKS = ['x', 'c', '..', 'n/a'] as const;

/** The series of a measure's own figures; any other series is a comparator's name. */
export const ACTUAL = 'actual';

/** One value of a measure: for a period (its last day) and a series. */
export const measureValueSchema = z
  .strictObject({
    id: entityId,
    measureId: entityId,
    series: requiredText(SHORT),
    period: isoDate.nullable(),
    periodLabel: optionalText(SHORT),
    value: number.nullable(),
    missing: z.enum(MISSING_MARKS).nullable().default(null),
    provisional: z.boolean().default(false),
    note: optionalText(2000).default(null),
    source: optionalText(SHORT).default(null),
    enteredBy: optionalText(SHORT).default(null),
    enteredAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.value !== null && v.missing !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['missing'],
        message: 'a value that is given cannot also be missing',
      });
    }
  });

export type MeasureValueInput = z.input<typeof measureValueSchema>;
export type MeasureValueParsed = z.output<typeof measureValueSchema>;
