import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addWorkingDays,
  isWorkingDay,
  statutoryDeadline,
  workingDaysBetween,
} from './working-days.js';

describe('working days', () => {
  test('weekends and bank holidays are not working days', () => {
    assert.equal(isWorkingDay('2022-04-01'), true); // a Friday
    assert.equal(isWorkingDay('2022-04-02'), false); // Saturday
    assert.equal(isWorkingDay('2022-04-15'), false); // Good Friday
    assert.equal(isWorkingDay('2022-06-03'), false); // Platinum Jubilee, a one-off holiday
    assert.equal(isWorkingDay('2016-12-27'), false); // substitute Christmas Day
  });

  test('day 1 is the next working day', () => {
    assert.equal(addWorkingDays('2022-04-01', 1), '2022-04-04'); // Friday -> Monday
    assert.equal(addWorkingDays('2022-04-14', 1), '2022-04-19'); // over Easter
  });

  test('statement of action is due 70 working days after the report is received', () => {
    assert.equal(statutoryDeadline('2022-04-01'), '2022-07-15');
    assert.equal(statutoryDeadline('2016-11-28'), '2017-03-09');
    // Published Friday 25 Nov 2016 but received Monday 28 Nov: the received day is what counts.
    assert.equal(statutoryDeadline('2016-11-25'), '2017-03-08');
  });

  test('a priority-action draft is due after 20 working days', () => {
    assert.equal(statutoryDeadline('2022-04-01', 'priority-action-draft'), '2022-05-04');
  });

  test('refuses to count beyond the bank-holiday data', () => {
    assert.throws(
      () => addWorkingDays('2030-12-01', 70),
      /Bank holidays are known only for 2010-2030/,
    );
    assert.throws(() => addWorkingDays('2022-01-01', 0), /whole number/);
  });
});

describe('working days between two days', () => {
  test('counts the working days after the first up to the second, skipping bank holidays', () => {
    // 1 April 2022 (a Friday) to its 70-working-day deadline, 15 July 2022.
    assert.equal(workingDaysBetween('2022-04-01', '2022-07-15'), 70);
    assert.equal(workingDaysBetween('2022-04-01', '2022-04-01'), 0);
    // Friday to Monday is one working day; over Easter 2022 (15 and 18 April) two fewer.
    assert.equal(workingDaysBetween('2022-04-08', '2022-04-11'), 1);
    assert.equal(workingDaysBetween('2022-04-14', '2022-04-19'), 1);
    assert.equal(workingDaysBetween('2022-07-15', '2022-07-11'), -4);
  });
});
