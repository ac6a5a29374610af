import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusOfUpdate, updateEntries } from './update-entries.js';

// Progress-update cells as councils write them (invented, in the forms seen in plans).
const RAG = new Set(['RED', 'AMBER', 'GREEN']);
const FIVE = new Set(['RED', 'AMBER', 'GREEN', 'GREY', 'BLUE']);
const statusOf = (text: string, codes = RAG) => statusOfUpdate(text, codes).status;

describe('the status an update states', () => {
  it('reads a RAG word opening the update, with a separator after it', () => {
    assert.equal(statusOf('GREEN - agreed at the May board'), 'GREEN');
    assert.equal(statusOf('Amber: two of the three posts filled'), 'AMBER');
    assert.equal(statusOf('red. No applicants yet'), 'RED');
    assert.equal(statusOf('(Amber) work started in June'), 'AMBER');
    assert.equal(statusOf('RAG: Amber - audit booked'), 'AMBER');
    assert.equal(statusOf('RAG status - Green. Signed off'), 'GREEN');
    assert.equal(statusOf('A - in progress'), 'AMBER');
    assert.equal(statusOf('G\nPolicy published'), 'GREEN');
    assert.equal(statusOf('Completed - signed off in May', FIVE), 'BLUE');
    assert.equal(statusOf('Grey: not started yet', FIVE), 'GREY');
  });

  it('reads a RAG word closing the update', () => {
    assert.equal(statusOf('Work started in June (Amber)'), 'AMBER');
    assert.equal(statusOf('Recruitment campaign launched - GREEN.'), 'GREEN');
    assert.equal(statusOf('Two posts still vacant\nRed'), 'RED');
  });

  it('does not read prose, initials or list labels as a status', () => {
    for (const text of [
      'Green spaces audit done with the parks team',
      'Blue Badge holders were consulted',
      'Red tape removed from the referral form',
      'A review is under way',
      'A. Smith to confirm the dates',
      'Completed 19 May 2015 and reported to the board',
      'This is now complete. R50 being used by managers.',
      'B - train staff in the new model',
    ]) {
      assert.deepEqual(statusOfUpdate(text, RAG), { status: null, unknown: null, several: false });
    }
  });

  it('names a RAG word the scheme lacks, and notices two statuses', () => {
    assert.deepEqual(statusOfUpdate('Yellow - some risk to the timescale', RAG), {
      status: null,
      unknown: 'Yellow',
      several: false,
    });
    assert.deepEqual(statusOfUpdate('Red/Amber - slipping but recovering', RAG), {
      status: 'RED',
      unknown: null,
      several: true,
    });
    assert.equal(statusOfUpdate('Red - moving to amber next month', RAG).several, false);
  });
});

describe('the entries of an update cell', () => {
  it('keeps an undated cell as one entry, as written', () => {
    const text = 'GREEN - agreed at the May board.\nNext: audit in September 2015.';
    assert.deepEqual(updateEntries(text, RAG), [
      { date: null, text, status: 'GREEN', unknown: null, several: false },
    ]);
    assert.deepEqual(updateEntries('  \n ', RAG), []);
  });

  it('splits a cell of dated entries, each with its date and status', () => {
    const cell =
      '12/05/15: Red - no applicants\n30 June 2015 - Amber - two posts filled\nthird due';
    const entries = updateEntries(cell, RAG);
    assert.deepEqual(
      entries.map((e) => [e.date, e.status, e.text]),
      [
        ['2015-05-12', 'RED', '12/05/15: Red - no applicants'],
        ['2015-06-30', 'AMBER', '30 June 2015 - Amber - two posts filled\nthird due'],
      ],
    );
    const months = updateEntries('Update May 2019: started\n[June 2019] Green: finished', RAG);
    assert.deepEqual(
      months.map((e) => [e.date, e.status]),
      [
        ['2019-05-01', null],
        ['2019-06-01', 'GREEN'],
      ],
    );
  });

  it('splits entries whose line breaks were lost, after the end of a sentence', () => {
    const entries = updateEntries('May 2019: Red - not started. June 2019: Amber - under way', RAG);
    assert.deepEqual(
      entries.map((e) => [e.date, e.status]),
      [
        ['2019-05-01', 'RED'],
        ['2019-06-01', 'AMBER'],
      ],
    );
  });

  it('does not split on dates inside the words', () => {
    const text =
      'Review completed 19 May 2015. Initial proposals to Corporate Board 26 May 2015.\nJune 2015 saw the first audit.';
    assert.deepEqual(
      updateEntries(text, RAG).map((e) => e.date),
      [null],
    );
    // A cell that does not open with a date is one update, whatever dates follow.
    assert.equal(updateEntries('Started.\n12/05/15: Amber', RAG).length, 1);
  });
});
