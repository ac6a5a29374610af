import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findPersonalData, isNhsNumber, personalDataMessage } from './personal-data.js';

describe('personal data in free text', () => {
  test('an NHS number: ten digits with a valid mod-11 check digit, however spaced', () => {
    assert.equal(isNhsNumber('9434765919'), true);
    assert.equal(isNhsNumber('9434765918'), false);
    assert.equal(isNhsNumber('4010232137'), true);
    for (const text of [
      'NHS 943 476 5919',
      'Seen under 943-476-5919.',
      'ref 9434765919 noted',
      '4010232137',
    ]) {
      assert.equal(findPersonalData(text)?.kind, 'nhs-number', text);
    }
    assert.equal(findPersonalData('Child 943 476 5919 visited')?.found, '943 476 5919');
  });

  test('a child’s name with a date of birth, in the ways people write one', () => {
    const named = findPersonalData('Visited Jayden Smith (DOB 12/03/2015) at home');
    assert.equal(named?.kind, 'date-of-birth');
    assert.equal(named?.what, 'a name with a date of birth');
    assert.equal(named?.found, 'DOB 12/03/2015');
    for (const text of [
      'Jane Smith D.O.B. 1.2.2010',
      'date of birth: 3 March 2014',
      'Leo, born on 21st June 2016, moved placement',
      'dob 01-02-10',
    ]) {
      assert.equal(findPersonalData(text)?.kind, 'date-of-birth', text);
    }
  });

  test('a case or client number with its words', () => {
    for (const text of [
      'case number 1234567',
      'Client no. 445566',
      'Mosaic ID: 987654',
      'LCS ref CP/2018/0042',
      'child’s ID is 20411',
    ]) {
      const found = findPersonalData(text.replace('’', "'"));
      assert.equal(found?.kind, 'case-number', text);
    }
  });

  test('ordinary text passes: dates, years, amounts, percentages, telephone numbers, counts', () => {
    for (const text of [
      'Due 31/03/2018; reviewed on 1 April 2018 and 2017/18',
      'Children born in 2015 and 2016 were audited',
      'Record the date of birth field on Mosaic for every referral',
      'Budget £1,250,000 (£667,961 in 2015/16), 85% of cases good, 12.5% turnover',
      'Call 0117 903 7940 or 01632 960123 or 07700 900123',
      'Invoice total 1234567890.50 paid',
      'Case numbers rose by 12% to 1,234; case number 3 of 12 was audited',
      'The case for change was agreed at Cabinet on 26/04/2018',
      '9434765918 is not a valid NHS number',
      'Meeting 10:30 on 3.4.2018, room 1200',
      'Between 2018 and 2020 around 4000 families were supported',
    ]) {
      assert.equal(findPersonalData(text), null, text);
    }
  });

  test('the message says what was found and why', () => {
    const found = findPersonalData('NHS 943 476 5919');
    assert.ok(found);
    assert.equal(
      personalDataMessage(found),
      'This looks like an NHS number: ‘943 476 5919’. Plans are read by many people and must not hold a child’s personal details; remove it and describe the work instead',
    );
  });
});
