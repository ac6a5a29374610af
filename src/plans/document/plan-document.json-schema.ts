import { z } from 'zod';
import { planDocumentSchema } from './plan-document.schema.js';

/** The JSON Schema of the plan interchange format, as published in docs/plan-interchange.schema.json. */
export function planDocumentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planDocumentSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://getting-to-good.invalid/schemas/plan-interchange.schema.json',
    title: 'Getting to Good plan interchange document',
    description:
      'A whole improvement plan as one JSON document: `g2g plan export` writes it, `g2g plan import` reads it. ' +
      'Beyond this schema, ids must be unique per kind and every reference (recommendationId, actionIds, ...) and status code must resolve within the document.',
  };
}
