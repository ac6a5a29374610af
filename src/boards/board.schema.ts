import { z } from 'zod';
import { optionalText, requiredText } from '../lib/schema-parts.js';

const SHORT = 200;

/** A board that oversees plans (Improvement Board, scrutiny, the safeguarding partnership). */
export const boardSchema = z.strictObject({
  name: requiredText(SHORT),
  cadence: optionalText(SHORT),
  chair: optionalText(SHORT),
});
