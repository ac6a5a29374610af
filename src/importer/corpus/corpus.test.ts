import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusPlans, scorePlan } from './corpus.js';
import { scoreDraft } from './score.js';

const plans = corpusPlans();

describe('the scored corpus of plan layouts', () => {
  it('holds at least 15 plans, each with a gold file of its recommendations and actions', () => {
    assert.ok(plans.length >= 15, `only ${plans.length} plans`);
    for (const plan of plans) assert.ok(plan.gold.recommendations.length > 0, plan.name);
  });

  for (const plan of plans) {
    it(`${plan.name} is read at least 98% right, field by field`, async () => {
      const { score } = await scorePlan(plan);
      const misses = score.misses
        .slice(0, 8)
        .map((m) => `  ${m.field}: expected "${m.expected}", found "${m.found}"`)
        .join('\n');
      assert.ok(
        score.ratio >= 0.98,
        `${plan.name}: ${score.correct} of ${score.total} fields right\n${misses}`,
      );
    });
  }

  it('the scorer counts a wrong field and an invented action against the import', async () => {
    const plan = plans[0];
    assert.ok(plan);
    const { draft } = await scorePlan(plan);
    assert.ok(draft);
    const perfect = scoreDraft(draft.document, plan.gold);
    const spoiled = structuredClone(draft.document);
    const first = spoiled.actions[0];
    assert.ok(first);
    first.text = 'Something else entirely';
    spoiled.actions.push({ ...first, id: 'invented', ref: '9.9' });
    const worse = scoreDraft(spoiled, plan.gold);
    assert.ok(worse.correct < perfect.correct);
    assert.ok(worse.total > perfect.total);
  });
});
