import { z } from 'zod';
import { entityId, LONG, optionalText, requiredText, SHORT } from '../lib/schema-parts.js';

/** Impact and probability as councils rate them (seed 001 uses High, Medium, Low). */
export const riskLevel = z.enum(['very low', 'low', 'medium', 'high', 'very high']).nullable();

export const riskSchema = z.strictObject({
  id: entityId,
  ref: optionalText(50),
  threat: requiredText(LONG),
  impactBefore: riskLevel,
  probabilityBefore: riskLevel,
  controls: optionalText(LONG),
  controlActionIds: z.array(entityId).max(200),
  impactAfter: riskLevel,
  probabilityAfter: riskLevel,
  owner: optionalText(SHORT),
});
