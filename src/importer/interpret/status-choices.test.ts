import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsv } from '../readers/csv.reader.js';
import { interpretPlan } from './interpret-plan.js';
import { statusKey } from './status-choices.js';

// Status words mapped to the plan's RAG scheme: the importer's reading of each word found,
// and a person's choice applied when the file is read again.

const CSV = [
  'Ref,Action,Lead,Due,Status,Update',
  '1.1,Publish the practice standards.,Head of Practice,June 2026,On track,Drafted.',
  '1.2,Train every team manager.,Workforce Lead,July 2026,Behind plan,Two sessions moved.',
  '1.3,Audit twenty cases a month.,Head of Quality,Monthly,On Track.,',
  '1.4,Agree the new rota.,Head of Practice,May 2026,Closed,',
].join('\n');

const read = (statuses?: Map<string, string | null>) =>
  interpretPlan(readCsv(CSV), { today: '2026-06-01', ...(statuses ? { statuses } : {}) });

describe('status words and the plan’s RAG scheme', () => {
  it('lists each status word once, with how many rows hold it and the status it was read as', () => {
    const draft = read();
    assert.deepEqual(
      draft.statuses?.map((s) => [s.words, s.code, s.rows, s.chosen]),
      [
        ['On track', 'GREEN', 2, false],
        ['Behind plan', null, 1, false],
        ['Closed', 'GREEN', 1, false],
      ],
    );
    assert.deepEqual(
      draft.document.actions.map((a) => a.status),
      ['GREEN', null, 'GREEN', 'GREEN'],
    );
  });

  it('reads a word as the status a person chose, and "no status" keeps the words as the update', () => {
    const choices = new Map<string, string | null>([
      [statusKey('Behind plan'), 'AMBER'],
      [statusKey('closed'), null],
      // A status the plan's scheme does not have is not applied.
      [statusKey('On track'), 'PURPLE'],
    ]);
    const draft = read(choices);
    assert.deepEqual(
      draft.document.actions.map((a) => a.status),
      ['GREEN', 'AMBER', 'GREEN', null],
    );
    const closed = draft.document.actions[3];
    assert.deepEqual(
      draft.document.updates.filter((u) => u.actionId === closed?.id).map((u) => u.text),
      ['Closed'],
    );
    assert.deepEqual(
      draft.statuses?.map((s) => [s.words, s.code, s.chosen]),
      [
        ['On track', 'GREEN', false],
        ['Behind plan', 'AMBER', true],
        ['Closed', null, true],
      ],
    );
    assert.ok(!draft.warnings.some((w) => w.code === 'status-unknown'));
  });
});
