import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planDocumentSchema } from '../plans/document/plan-document.schema.js';
import doc from './bristol-improvement-plan.json' with { type: 'json' };

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('Bristol demo plan', () => {
  test('is a valid plan interchange document', () => {
    const result = planDocumentSchema.safeParse(doc);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
      assert.fail(`the Bristol demo plan does not match the schema:\n${issues}`);
    }
  });

  test('holds recommendations 1 to 4, each with at least one action', () => {
    assert.deepEqual(
      doc.recommendations.map((r) => r.ref),
      ['1', '2', '3', '4'],
    );
    for (const r of doc.recommendations) {
      const actions = doc.actions.filter((a) => a.recommendationId === r.id);
      assert.ok(actions.length > 0, `recommendation ${r.ref} has no actions`);
    }
  });

  test('every action has a lead and a due date', () => {
    for (const a of doc.actions) {
      assert.ok(a.leads.length > 0, `action ${a.ref} has no lead`);
      assert.ok(
        typeof a.due === 'string' && a.due.trim() !== '',
        `action ${a.ref} has no due date`,
      );
    }
  });

  test('includes actions 1.1, 2.3 and 4.1', () => {
    const refs = doc.actions.map((a) => a.ref);
    for (const ref of ['1.1', '2.3', '4.1'])
      assert.ok(refs.includes(ref), `action ${ref} is missing`);
  });

  test('carries no HTML fragments from the source', () => {
    const bad = strings(doc).filter((s) => s.includes('<p>') || s.includes('<li>'));
    assert.deepEqual(bad, []);
  });
});
