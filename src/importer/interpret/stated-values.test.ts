import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Measure } from './draft-builder.js';
import { interpretPlan } from './interpret-plan.js';
import { seed } from './seed-blocks.test-helper.js';
import { measureNamed, recordStatedValues, statedValues } from './stated-values.js';

// Invented sentences in the forms plans use, and seed 001's turnover measure.
const measure = (id: string, name: string): Measure => ({
  id,
  ref: null,
  name,
  unit: '%',
  direction: 'higher',
  rangeLow: null,
  rangeHigh: null,
  lead: null,
  baseline: null,
  targets: [],
  actuals: [],
  comparators: [],
  actionIds: [],
  recommendationIds: [],
});

describe('values stated in sentences', () => {
  it('reads the subject, value and date of a statement', () => {
    assert.deepEqual(statedValues('Turnover was 11.98% at Jan 2014.'), [
      {
        subject: 'Turnover',
        value: 11.98,
        date: '2014-01-31',
        text: 'Turnover was 11.98% at Jan 2014.',
      },
    ]);
    assert.equal(statedValues('We will work with families.').length, 0);
  });

  it('names a measure only by all of its words, and only one measure', () => {
    const absence = measure('m1', '8% persistent absence for looked after children');
    const plans = measure('m2', '90% of care leavers with a Pathway Plan');
    assert.equal(
      measureNamed('Persistent absence for looked after children', [absence, plans]),
      absence,
    );
    assert.equal(measureNamed('Absence of managers', [absence, plans]), null);
    const twin = measure('m3', 'Persistent absence for children in need');
    assert.equal(measureNamed('Persistent absence', [absence, twin]), null, 'two measures fit');
  });

  it('records a value before the plan period as the baseline, a later one as an actual', () => {
    const absence = measure('m1', '8% persistent absence for looked after children');
    const other = measure('m2', '90% of care leavers with a Pathway Plan');
    const texts = [
      'Persistent absence for looked after children was 14% in March 2014.',
      'Persistent absence for looked after children had been 11% in June 2015; attendance improved.',
      'Sickness absence was 4% in May 2015.',
    ];
    assert.equal(recordStatedValues(texts, [absence, other], '2015-01-01'), 2);
    assert.deepEqual(absence.baseline, { value: 14, date: '2014-03-31', text: texts[0] });
    assert.deepEqual(
      absence.actuals.map((a) => [a.value, a.date]),
      [[11, '2015-06-30']],
    );
    assert.equal(other.baseline, null);
    // Read twice, recorded once.
    assert.equal(recordStatedValues(texts, [absence, other], '2015-01-01'), 0);
  });

  it("seed 001: the turnover measure's baseline comes from its own words", () => {
    const doc = interpretPlan(seed('seed-001.txt')).document;
    const turnover = doc.measures.find((m) => /^Turnover was 11\.98%/.test(m.name));
    assert.deepEqual(turnover?.baseline, {
      value: 11.98,
      date: '2014-01-31',
      text: turnover?.name,
    });
    assert.equal(turnover?.targets[0]?.value, 10);
  });
});
