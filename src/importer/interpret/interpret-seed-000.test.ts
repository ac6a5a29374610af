import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDocumentSchema } from '../../plans/document/plan-document.schema.js';
import { interpretPlan } from './interpret-plan.js';
import { seed } from './seed-blocks.test-helper.js';

const draft = interpretPlan(seed('seed-000.txt'));
const doc = draft.document;

describe('interpretPlan on seed 000 (Bath and North-East Somerset)', () => {
  it('produces a valid plan document', () => {
    const parsed = planDocumentSchema.safeParse(doc);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
  });

  it('reads 8 recommendations rejoined across page breaks', () => {
    assert.deepEqual(
      doc.recommendations.map((r) => r.ref),
      ['1', '2', '3', '4', '5', '6', '7', '8'],
    );
    assert.match(doc.recommendations[0]?.text ?? '', /clear contingencies\.$/);
    assert.match(
      doc.recommendations[1]?.text ?? '',
      /Ensure that children are visited in accordance/,
    );
    assert.match(
      doc.recommendations[7]?.text ?? '',
      /engaged in education, employment or training$/,
    );
    assert.equal(
      doc.plan.title,
      'Bath and North-East Somerset; Ofsted Improvement Plan – April 2018',
    );
    assert.equal(doc.organisation.name, 'Bath and North-East Somerset');
  });

  it('keeps actions, leads, dates, evidence and updates for each recommendation', () => {
    for (const rec of doc.recommendations) {
      const actions = doc.actions.filter((a) => a.recommendationId === rec.id);
      assert.ok(actions.length > 0, `recommendation ${rec.ref} has actions`);
      const first = actions[0];
      assert.ok(first && first.leads.length > 0, `recommendation ${rec.ref} has leads`);
      assert.ok(first?.evidence, `recommendation ${rec.ref} has evidence`);
      assert.ok(
        doc.updates.some((u) => u.actionId === first?.id),
        `recommendation ${rec.ref} has an update`,
      );
    }
    const a1 = doc.actions[0];
    // Names cut at a page break ("Ric" / "hard Baldwin") are rejoined.
    assert.ok(a1?.leads.some((l) => l.name === 'Richard Baldwin'));
    assert.deepEqual(a1?.leads[0], { name: 'Pete Campbell', kind: 'person' });
    assert.equal(a1?.due, 'By December 2017');
    assert.equal(doc.updates[0]?.date, '2018-04-01');
  });

  it('warns about lists it could not split and cells it could not place', () => {
    assert.ok(
      draft.warnings.some((w) => w.code === 'ambiguous' && /lists \d+ actions/.test(w.message)),
    );
    assert.ok(draft.warnings.some((w) => w.code === 'unplaced-row' && /0\.12/.test(w.text ?? '')));
  });
});
