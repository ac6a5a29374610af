import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { assessImpact, expectedAt, type MeasureForImpact } from './measure-impact.js';

const measure = (overrides: Partial<MeasureForImpact>): MeasureForImpact => ({
  direction: 'higher',
  rangeLow: null,
  rangeHigh: null,
  baseline: null,
  targets: [],
  ...overrides,
});
const at = (period: string, value: number | null) => ({ period, value });

describe('measure impact against the target trajectory, apart from delivery status', () => {
  // Invented: assessments in time, 60% at the end of March, 90% due by the end of September.
  const assessments = measure({
    baseline: { value: 60, date: '2026-03-31' },
    targets: [{ value: 90, due: parseFuzzyDate('September 2026') }],
  });

  test('the trajectory runs straight from the baseline to the target, then holds', () => {
    assert.equal(expectedAt(assessments, '2026-03-31'), 60);
    const midway = expectedAt(assessments, '2026-06-30') ?? 0;
    assert.ok(midway > 74 && midway < 76, `about 75, got ${midway}`);
    assert.equal(expectedAt(assessments, '2027-01-31'), 90);
  });

  test('higher is better: ahead, within tolerance, off trajectory', () => {
    const today = '2026-08-15';
    const status = (value: number) =>
      assessImpact(assessments, [at('2026-06-30', value)], today).status;
    assert.equal(status(80), 'on-track');
    assert.equal(status(73), 'within-tolerance'); // 5% of about 75 is 3.7
    assert.equal(status(65), 'off-track');
  });

  test('lower is better: turnover falling towards 10% from 12%', () => {
    const turnover = measure({
      direction: 'lower',
      baseline: { value: 12, date: '2026-01-31' },
      targets: [{ value: 10, due: parseFuzzyDate('December 2026') }],
    });
    const today = '2027-02-10';
    assert.equal(assessImpact(turnover, [at('2026-12-31', 9.5)], today).status, 'on-track');
    assert.equal(
      assessImpact(turnover, [at('2026-12-31', 10.4)], today).status,
      'within-tolerance',
    );
    assert.equal(assessImpact(turnover, [at('2026-12-31', 11.5)], today).status, 'off-track');
    assert.equal(
      assessImpact(turnover, [at('2026-12-31', 11.5)], today, 20).status,
      'within-tolerance',
    );
  });

  test('staged targets: the second stage is expected once the first is past', () => {
    const good = measure({
      targets: [
        { value: 60, due: parseFuzzyDate('July 2026') },
        { value: 80, due: parseFuzzyDate('July 2027') },
      ],
    });
    const today = '2027-09-01';
    const impact = assessImpact(good, [at('2027-07-31', 70)], today);
    assert.equal(impact.expected, 80);
    assert.equal(impact.target, 80);
    assert.equal(impact.status, 'off-track');
  });

  test('within a range: inside is on track, just outside within tolerance, far outside off', () => {
    const rereferrals = measure({ direction: 'range', rangeLow: 18, rangeHigh: 22 });
    const today = '2026-12-10';
    const status = (value: number) =>
      assessImpact(rereferrals, [at('2026-10-31', value)], today).status;
    assert.equal(status(21), 'on-track');
    assert.equal(status(22.8), 'within-tolerance');
    assert.equal(status(30), 'off-track');
    assert.equal(status(12), 'off-track');
  });

  test('no data for the last expected period, after a month to report it', () => {
    const today = '2026-12-03';
    // October is the last month expected on 3 December (November's figures are due in December).
    const september = assessImpact(assessments, [at('2026-09-30', 91)], today);
    assert.equal(september.status, 'no-data');
    assert.equal(september.missingPeriod, '2026-10-31');
    assert.equal(assessImpact(assessments, [at('2026-10-31', 91)], today).status, 'on-track');
    assert.equal(assessImpact(assessments, [], today).status, 'no-data');
    // A quarterly measure is expected for July to September by then.
    const quarterly = { ...assessments, frequency: 'quarterly' as const };
    assert.equal(assessImpact(quarterly, [at('2026-09-30', 91)], today).status, 'on-track');
  });

  test('a suppressed (missing) latest value does not count as zero: the one before is latest', () => {
    const impact = assessImpact(
      assessments,
      [at('2026-09-30', 85), at('2026-10-31', null)],
      '2026-11-20',
    );
    assert.equal(impact.latest, 85);
    assert.equal(impact.latestPeriod, '2026-09-30');
  });

  test('no targets: no target set; trend still follows the direction', () => {
    const plain = measure({ direction: 'lower' });
    const impact = assessImpact(plain, [at('2026-09-30', 25), at('2026-10-31', 28)], '2026-12-01');
    assert.equal(impact.status, 'no-target');
    assert.equal(impact.trend, 'worsening');
  });
});
