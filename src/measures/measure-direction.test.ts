import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directionOf } from './measure-direction.js';

test('measure directions follow their words', () => {
  const higher = [
    '90% of pathway plans are reviewed on a six monthly basis or less',
    'Increase the proportion of care leavers in education, employment or training',
    'At least 85% of initial child protection conferences within 15 working days',
    'Over 90% of children seen within 10 working days',
    '95% of PEPs completed on time',
    'Improve attendance so that fewer than 5% are persistently absent',
    '100% children missing from home or care offered a return interview',
    'All young people missing from care are given a return home interview within 72 hours',
  ];
  const lower = [
    'Reduce social worker turnover to 10%',
    'Re-referrals within 12 months below 22%',
    'Fewer children subject to a second child protection plan',
    'Agency social workers 10% or less of the workforce',
    'Lose touch with no more than 10% of care leavers',
    'Reduce the number of children on plans for over two years',
    'Children in care with at least one fixed-term exclusion',
    'Over 5% persistent absence among children in need',
    'Children missing from home or care more than three times in the year',
  ];
  for (const words of higher) assert.equal(directionOf(words), 'higher', words);
  for (const words of lower) assert.equal(directionOf(words), 'lower', words);
});
