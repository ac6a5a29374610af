import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { planDocumentJsonSchema } from './plan-document.json-schema.js';

test('docs/plan-interchange.schema.json is up to date with the code (run npm run docs:schema)', () => {
  const published = JSON.parse(
    readFileSync(new URL('../../../docs/plan-interchange.schema.json', import.meta.url), 'utf8'),
  ) as unknown;
  assert.deepEqual(published, JSON.parse(JSON.stringify(planDocumentJsonSchema())));
});

test('the published schema requires the parts of a plan', () => {
  const schema = planDocumentJsonSchema() as {
    required: string[];
    properties: Record<string, unknown>;
  };
  for (const part of [
    'organisation',
    'plan',
    'ragScheme',
    'recommendations',
    'actions',
    'measures',
    'risks',
    'costs',
    'updates',
  ]) {
    assert.ok(schema.required.includes(part), part);
  }
});
