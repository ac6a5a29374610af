// Writes docs/plan-interchange.schema.json from the zod schema: npm run docs:schema
import { writeFileSync } from 'node:fs';
import { planDocumentJsonSchema } from '../src/plans/document/plan-document.json-schema.js';

writeFileSync(
  'docs/plan-interchange.schema.json',
  `${JSON.stringify(planDocumentJsonSchema(), null, 2)}\n`,
);
console.log('Wrote docs/plan-interchange.schema.json');
