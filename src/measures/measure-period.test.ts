import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lastExpectedPeriod, parsePeriod, periodText } from './measure-period.js';

describe('periods as people write them', () => {
  test('months in several spellings are the month’s last day', () => {
    for (const words of ['Apr-15', '2015-04', 'April 2015', 'apr 2015', '04/2015', '30/04/2015']) {
      assert.deepEqual(parsePeriod(words), { end: '2015-04-30', label: null }, words);
    }
    assert.equal(parsePeriod('Feb-16')?.end, '2016-02-29');
  });

  test('financial quarters and years keep their words', () => {
    assert.deepEqual(parsePeriod('Q1 2015/16'), { end: '2015-06-30', label: 'Q1 2015/16' });
    assert.deepEqual(parsePeriod('Q4 2015/16'), { end: '2016-03-31', label: 'Q4 2015/16' });
    assert.deepEqual(parsePeriod('2014/15'), { end: '2015-03-31', label: '2014/15' });
    assert.deepEqual(parsePeriod('2014-15'), { end: '2015-03-31', label: '2014/15' });
  });

  test('a day that is not a month’s end is named', () => {
    assert.deepEqual(parsePeriod('2015-04-15'), { end: '2015-04-15', label: '15 April 2015' });
  });

  test('words that name no period are refused', () => {
    for (const words of ['', 'soon', '2015-13', 'Q5 2015/16', '2015/17', '31/02/2015', 'Ap-15']) {
      assert.equal(parsePeriod(words), null, words);
    }
  });

  test('a period in words', () => {
    assert.equal(periodText('2015-04-30', null), 'April 2015');
    assert.equal(periodText('2015-06-30', 'Q1 2015/16'), 'Q1 2015/16');
  });

  test('the last period expected allows a month to report', () => {
    assert.equal(lastExpectedPeriod('monthly', '2026-12-03'), '2026-10-31');
    assert.equal(lastExpectedPeriod(null, '2026-01-20'), '2025-11-30');
    assert.equal(lastExpectedPeriod('quarterly', '2026-12-03'), '2026-09-30');
    assert.equal(lastExpectedPeriod('quarterly', '2026-10-31'), '2026-06-30');
    assert.equal(lastExpectedPeriod('annually', '2026-05-02'), '2026-03-31');
    assert.equal(lastExpectedPeriod('annually', '2026-04-20'), '2025-03-31');
  });
});
