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

/** A value at a date: a baseline or an actual ("61% in April 2015"); text keeps the words. */
export const measureValueSchema = z.strictObject({
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

export const measureComparatorSchema = z.strictObject({
  name: requiredText(SHORT),
  value: number.nullable(),
  date: isoDate.nullable(),
  text: optionalText(2000),
});

/** An improvement measure (KPI). Its impact is judged from actuals against targets, not RAG. */
export const measureSchema = z
  .strictObject({
    id: entityId,
    ref: optionalText(50),
    name: requiredText(2000),
    unit: optionalText(50),
    direction: z.enum(['higher', 'lower', 'range']),
    rangeLow: number.nullable(),
    rangeHigh: number.nullable(),
    lead: optionalText(SHORT),
    baseline: measureValueSchema.nullable(),
    targets: z.array(measureTargetSchema).max(100),
    actuals: z.array(measureValueSchema).max(1000),
    comparators: z.array(measureComparatorSchema).max(100),
    actionIds: z.array(entityId).max(500),
    recommendationIds: z.array(entityId).max(500),
  })
  .superRefine((m, ctx) => {
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
  });
