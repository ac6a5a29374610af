import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { BRISTOL_FIVE_COLOUR, RED_AMBER_GREEN } from '../rag/built-in-schemes.js';
import {
  actionStatusFacts,
  disagreement,
  doneStatus,
  type SchemeStatus,
  type StatusFacts,
  suggestStatus,
} from './status-suggestion.js';

const FIVE = BRISTOL_FIVE_COLOUR.statuses;
const THREE = RED_AMBER_GREEN.statuses;
/** A council's own scheme: Yellow for at risk, one "Done" status, no not-started status. */
const OWN: SchemeStatus[] = [
  { code: 'R', label: 'Off track', meaning: 'Behind', category: 'off-track' },
  { code: 'Y', label: 'Yellow', meaning: 'At risk', category: 'at-risk' },
  { code: 'D', label: 'Done', meaning: 'Finished and evidenced', category: 'complete' },
];

const link = { kind: 'link' };
const note = { kind: 'note' };

function facts(over: Partial<StatusFacts> & { dueText?: string }): StatusFacts {
  const { dueText = 'End March 2018', ...rest } = over;
  return {
    statuses: FIVE,
    due: parseFuzzyDate(dueText),
    today: '2018-05-01',
    status: null,
    proposal: null,
    updates: [],
    ...rest,
  };
}

describe('status suggestions', () => {
  test('past its due window and not complete: the scheme’s off-track status, with why', () => {
    const f = facts({ proposal: 'GREEN', updates: [{ date: '2018-04-20', evidence: [] }] });
    const s = suggestStatus(f);
    assert.deepEqual(s, {
      code: 'RED',
      label: 'Red',
      reason: 'due 31 March 2018 and no completion evidence',
    });
    assert.equal(
      disagreement(f, s),
      'Proposed Green, but due 31 March 2018 and no completion evidence',
    );
    const amber = facts({ proposal: 'AMBER', updates: [{ date: '2018-04-20', evidence: [] }] });
    assert.equal(suggestStatus(amber)?.reason, 'due 31 March 2018 and not complete');
    assert.equal(suggestStatus({ ...amber, statuses: OWN })?.label, 'Off track');
  });

  test('the last day of the window is not yet late', () => {
    const f = facts({
      today: '2018-03-31',
      proposal: 'AMBER',
      updates: [{ date: '2018-03-01', evidence: [] }],
    });
    assert.equal(suggestStatus(f), null);
  });

  test('complete with a link or a file: the scheme’s complete status (Blue for Bristol, Green for RAG)', () => {
    const updates = [{ date: '2018-04-20', evidence: [link] }];
    assert.equal(suggestStatus(facts({ proposal: 'GREEN', updates }))?.code, 'BLUE');
    assert.equal(
      suggestStatus(facts({ statuses: THREE, proposal: 'GREEN', updates }))?.code,
      'GREEN',
    );
    assert.equal(suggestStatus(facts({ statuses: OWN, status: 'D', updates }))?.code, 'D');
    // Green and Blue are both complete: they agree.
    const f = facts({ proposal: 'GREEN', updates });
    assert.equal(disagreement(f, suggestStatus(f)), null);
  });

  test('a note is not evidence of completion', () => {
    const f = facts({ proposal: 'BLUE', updates: [{ date: '2018-04-20', evidence: [note] }] });
    assert.equal(suggestStatus(f)?.code, 'RED');
    assert.equal(
      disagreement(f, suggestStatus(f)),
      'Proposed Blue, but due 31 March 2018 and no completion evidence',
    );
  });

  test('not started and not yet due: the not-started status, when the scheme has one', () => {
    const f = facts({ today: '2018-01-10', status: 'AMBER' });
    assert.deepEqual(suggestStatus(f), {
      code: 'GREY',
      label: 'Grey',
      reason: 'no update yet and not due until 31 March 2018',
    });
    assert.equal(suggestStatus({ ...f, statuses: THREE }), null);
    assert.equal(suggestStatus({ ...f, due: null })?.reason, 'no update yet');
    // Started: no suggestion.
    assert.equal(suggestStatus({ ...f, updates: [{ date: '2018-01-02', evidence: [] }] }), null);
    // An update dated after the day judged has not been given yet.
    assert.equal(
      suggestStatus({ ...f, updates: [{ date: '2018-02-02', evidence: [] }] })?.code,
      'GREY',
    );
  });

  test('recurring and ongoing actions are never late as a whole', () => {
    for (const dueText of [
      'Quarterly',
      'Monthly audits',
      'Ongoing',
      'tba',
      'With immediate effect',
    ]) {
      const f = facts({
        dueText,
        proposal: 'AMBER',
        updates: [{ date: '2018-04-20', evidence: [] }],
      });
      assert.equal(suggestStatus(f), null, dueText);
    }
  });

  test('no proposal, or agreement, is no disagreement', () => {
    const f = facts({ status: 'RED', updates: [{ date: '2018-04-20', evidence: [] }] });
    assert.equal(disagreement(f, suggestStatus(f)), null);
    const red = { ...f, proposal: 'RED' };
    assert.equal(disagreement(red, suggestStatus(red)), null);
  });

  test('the done status of a scheme', () => {
    assert.equal(doneStatus(FIVE)?.code, 'BLUE');
    assert.equal(doneStatus(THREE)?.code, 'GREEN');
    assert.equal(doneStatus(OWN)?.code, 'D');
    assert.equal(doneStatus([OWN[0]!, OWN[1]!]), null);
  });

  test('facts from a plan document: the lead’s proposal is the waiting one, else the one that took effect', () => {
    const due = parseFuzzyDate('31/3/2018');
    const doc = {
      ragScheme: { statuses: FIVE },
      actions: [
        { id: 'a1', due, status: 'AMBER', proposedStatus: 'GREEN' },
        { id: 'a2', due, status: 'GREEN', proposedStatus: null },
        { id: 'a3', due, status: 'RED', proposedStatus: null },
      ],
      updates: [
        { actionId: 'a1', date: '2018-04-01', proposedStatus: 'GREEN', evidence: [] },
        { actionId: 'a2', date: '2018-04-01', proposedStatus: 'GREEN', evidence: [] },
        { actionId: 'a3', date: '2018-04-01', proposedStatus: 'GREEN', evidence: [] },
        { actionId: 'a3', date: '2018-06-01', proposedStatus: 'AMBER', evidence: [link] },
      ],
    };
    const [a1, a2, a3] = doc.actions;
    assert.equal(actionStatusFacts(doc, a1!, '2018-05-01').proposal, 'GREEN');
    assert.equal(actionStatusFacts(doc, a2!, '2018-05-01').proposal, 'GREEN');
    // A manager chose Red instead: that is no longer the lead's proposal.
    const f3 = actionStatusFacts(doc, a3!, '2018-05-01');
    assert.equal(f3.proposal, null);
    assert.equal(f3.updates.length, 1);
  });
});
