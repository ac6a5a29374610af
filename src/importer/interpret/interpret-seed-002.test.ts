import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDocumentSchema } from '../../plans/document/plan-document.schema.js';
import { interpretPlan } from './interpret-plan.js';
import { seed } from './seed-blocks.test-helper.js';

const draft = interpretPlan(seed('seed-002.txt'));
const doc = draft.document;
const workstreams = doc.themes.filter((t) => t.kind === 'workstream');

describe('interpretPlan on seed 002 (West Berkshire)', () => {
  it('produces a valid plan document for West Berkshire Council', () => {
    const parsed = planDocumentSchema.safeParse(doc);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    assert.equal(doc.organisation.slug, 'west-berkshire-council');
  });

  it('reads the five workstreams with sponsors, leads and commitments', () => {
    assert.deepEqual(
      workstreams.map((w) => w.ref),
      ['A', 'B', 'C', 'D', 'E'],
    );
    assert.equal(workstreams[1]?.title, 'Improving the Quality of our Practice');
    assert.equal(workstreams[1]?.sponsor, 'Corporate Director - Communities');
    assert.equal(workstreams[1]?.lead, 'Head of Children and Families Services');
    for (const w of workstreams)
      assert.ok(w.commitments.length > 0, `workstream ${w.ref} commitments`);
    assert.ok(
      (workstreams[1]?.successCriteria ?? []).includes('Single assessments within 45 days'),
    );
  });

  it('maps the 17 Ofsted recommendations to workstreams, 1-4 as priority', () => {
    assert.deepEqual(
      doc.recommendations.map((r) => r.ref),
      Array.from({ length: 17 }, (_, i) => String(i + 1)),
    );
    for (const r of doc.recommendations) {
      assert.equal(r.category, Number(r.ref) <= 4 ? 'priority' : 'improvement', `rec ${r.ref}`);
      assert.ok(
        workstreams.some((w) => w.id === r.themeId),
        `rec ${r.ref} has a workstream`,
      );
    }
    assert.match(
      doc.recommendations[0]?.text ?? '',
      /^Implement the following areas for improvement/,
    );
  });

  it('reads actions with By When, By Whom, status updates and costs in their workstream', () => {
    assert.ok(doc.actions.length >= 100);
    const first = doc.actions[0];
    assert.equal(first?.themeId, workstreams[0]?.id);
    assert.equal(first?.due, 'End May 2015');
    assert.deepEqual(first?.leads, [
      { name: 'Catherine Parry (Interim HoS, Children and Families)', kind: 'person' },
    ]);
    const update = doc.updates.find((u) => u.actionId === first?.id);
    assert.match(update?.text ?? '', /Review completed 19 May 2015/);
    assert.equal(update?.date, '2015-07-01');
    assert.ok(doc.costs.some((c) => c.actionId !== null && c.amountPence === 2_000_000));
  });

  it('reads the cost summary by financial year and checks its totals', () => {
    const summary = doc.costs.filter((c) => c.actionId === null);
    const agency = summary.filter((c) => c.item === 'Agency Staff');
    assert.deepEqual(
      agency.map((c) => [c.financialYear, c.amountPence, c.staffing]),
      [
        ['2015/16', 47_836_100, 'agency'],
        ['2016/17', 49_836_100, 'agency'],
      ],
    );
    assert.equal(summary.find((c) => c.item === 'Audit')?.recurrence, 'one-off');
    assert.equal(summary.find((c) => c.item === 'CSE Coordinator')?.recurrence, 'recurrent');
    const totals = draft.warnings.filter((w) => /stated 20\d\d\/\d\d total/.test(w.message));
    assert.match(totals[0]?.message ?? '', /£667,961/);
    assert.match(totals[1]?.message ?? '', /£600,361/);
  });
});
