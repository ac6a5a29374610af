import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { assessImpact, type MeasureForImpact } from './measure-impact.js';

const measure = (overrides: Partial<MeasureForImpact>): MeasureForImpact => ({
  direction: 'higher',
  rangeLow: null,
  rangeHigh: null,
  baseline: null,
  targets: [],
  actuals: [],
  ...overrides,
});
const actual = (date: string, value: number) => ({ date, value });

describe('measure impact, separate from delivery status', () => {
  const cases: Array<[string, MeasureForImpact, string, ReturnType<typeof assessImpact>]> = [
    [
      'higher is better, rising from the baseline, below target',
      measure({
        baseline: { value: 61, date: '2015-03-31' },
        targets: [{ value: 90, due: parseFuzzyDate('Jul 2015') }],
        actuals: [actual('2015-04-30', 68)],
      }),
      '2015-05-15',
      { trend: 'improving', latest: 68, target: 90, targetMet: false },
    ],
    [
      'staged targets: the second applies once the first is past',
      measure({
        targets: [
          { value: 60, due: parseFuzzyDate('Jul 2015') },
          { value: 80, due: parseFuzzyDate('Jul 2016') },
        ],
        actuals: [actual('2015-06-30', 55), actual('2015-09-30', 65)],
      }),
      '2015-10-01',
      { trend: 'improving', latest: 65, target: 80, targetMet: false },
    ],
    [
      'lower is better (turnover), falling and at target',
      measure({
        direction: 'lower',
        baseline: { value: 11.98, date: '2014-01-31' },
        targets: [{ value: 10, due: 'Dec 2015' }],
        actuals: [actual('2015-01-31', 9.5)],
      }),
      '2015-02-01',
      { trend: 'improving', latest: 9.5, target: 10, targetMet: true },
    ],
    [
      'lower is better, rising is worsening',
      measure({
        direction: 'lower',
        actuals: [actual('2015-01-31', 25), actual('2015-02-28', 28)],
      }),
      '2015-03-01',
      { trend: 'worsening', latest: 28, target: null, targetMet: null },
    ],
    [
      'within a range',
      measure({
        direction: 'range',
        rangeLow: 18,
        rangeHigh: 22,
        actuals: [actual('2015-01-31', 30), actual('2015-02-28', 21)],
      }),
      '2015-03-01',
      { trend: 'improving', latest: 21, target: null, targetMet: true },
    ],
    [
      'no actuals yet',
      measure({ targets: [{ value: 90, due: null }] }),
      '2015-03-01',
      { trend: 'no data', latest: null, target: 90, targetMet: null },
    ],
    [
      'flat',
      measure({ actuals: [actual('2015-01-31', 50), actual('2015-02-28', 50)] }),
      '2015-03-01',
      { trend: 'no change', latest: 50, target: null, targetMet: null },
    ],
  ];
  for (const [name, m, today, expected] of cases) {
    test(name, () => assert.deepEqual(assessImpact(m, today), expected));
  }
});
