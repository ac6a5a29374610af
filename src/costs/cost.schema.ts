import { z } from 'zod';
import { entityId, LONG, optionalText, requiredText, SHORT } from '../lib/schema-parts.js';

/** A cost or resource: amounts in pence so sums are exact. */
export const costSchema = z.strictObject({
  id: entityId,
  actionId: entityId.nullable(),
  themeId: entityId.nullable(),
  item: requiredText(SHORT * 5),
  amountPence: z.number().int('must be a whole number of pence').min(0).max(1e13),
  recurrence: z.enum(['one-off', 'recurrent']),
  financialYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, 'must be a financial year written like 2015/16')
    .refine(
      (s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)),
      'must be two consecutive years, like 2015/16',
    )
    .nullable(),
  staffing: z.enum(['agency', 'permanent']).nullable(),
  notes: optionalText(LONG),
});
