import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DraftPlan } from '../import.types.js';
import { readSource } from '../readers/read-source.js';
import { interpretPlan } from './interpret-plan.js';

// Invented plans in the shapes councils use, each read as an uploaded file would be: the
// RAG values they hold (a RAG column, a status word in an update, dated update entries)
// become the actions' statuses, and the updates' proposed statuses agree with them.

async function read(name: string, text: string): Promise<DraftPlan> {
  return interpretPlan(await readSource(new TextEncoder().encode(text), name), {
    fileName: name,
    today: '2026-01-15',
  });
}
const rows = (...lines: string[][]) => lines.map((cells) => cells.join('\t')).join('\n');

const byRef = (draft: DraftPlan, ref: string) => {
  const action = draft.document.actions.find((a) => a.ref === ref);
  assert.ok(action, `action ${ref}`);
  const updates = draft.document.updates.filter((u) => u.actionId === action.id);
  return { status: action.status, updates, evidence: action.evidence };
};
const warningsAbout = (draft: DraftPlan, ref: string) => {
  const id = draft.document.actions.find((a) => a.ref === ref)?.id;
  return draft.warnings.filter((w) => w.concerns?.id === id).map((w) => w.message);
};

/** Every action with updates has the status of its latest dated update that states one. */
function assertStatusesAgree(draft: DraftPlan): void {
  for (const action of draft.document.actions) {
    const updates = draft.document.updates.filter((u) => u.actionId === action.id);
    if (updates.length === 0) continue;
    const latest = [...updates]
      .sort((a, b) => a.date.localeCompare(b.date))
      .reverse()
      .find((u) => u.proposedStatus);
    assert.equal(action.status, latest?.proposedStatus ?? null, action.ref ?? action.id);
  }
}

describe('imported RAG values become the actions’ statuses', () => {
  it('reads a RAG column of words, letters and colours; warns of a colour the scheme lacks', async () => {
    const draft = await read(
      'anyshire.txt',
      'Anyshire County Council Improvement Plan June 2019\n\n' +
        rows(
          ['Ref', 'Action', 'Lead', 'Due date', 'RAG', 'Progress update'],
          ['1.1', 'Recruit two social workers', 'Ann James', 'Jul 2019', 'Amber', 'One started'],
          ['1.2', 'Publish the policy', 'Ann James', 'Jul 2019', 'G', 'Published'],
          ['1.3', 'Audit 40 cases', 'Ann James', 'Sep 2019', 'Red/Amber', 'Slipping'],
          ['1.4', 'Train IROs', 'Ann James', 'Sep 2019', 'complete.', ''],
          ['1.5', 'Review the protocol', 'Ann James', 'Sep 2019', 'Purple', 'Waiting'],
          ['1.6', 'Set up the panel', 'Ann James', 'Sep 2019', '', ''],
        ),
    );
    assert.deepEqual(
      ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'].map((ref) => byRef(draft, ref).status),
      ['AMBER', 'GREEN', 'RED', 'GREEN', null, null],
    );
    // The update written in the plan's month proposes the status the RAG column gives.
    assert.deepEqual(
      byRef(draft, '1.1').updates.map((u) => [u.date, u.proposedStatus, u.text]),
      [['2019-06-01', 'AMBER', 'One started']],
    );
    assert.match(warningsAbout(draft, '1.3').join(), /names more than one status: RED is used/);
    assert.deepEqual(warningsAbout(draft, '1.5'), [
      '"Purple" is not a status of the plan\'s RAG scheme.',
    ]);
    assertStatusesAgree(draft);
  });

  it('reads a status word opening or closing an update cell when there is no RAG column', async () => {
    const draft = await read(
      'updates.csv',
      [
        'Westshire Council Children’s Services Improvement Plan March 2020',
        'Ref,Action,Lead,Completion date,Progress update',
        '2.1,Launch the front door,Bev Coles,Jan 2020,"GREEN - launched on 6 January, as planned"',
        '2.2,Refresh supervision policy,Bev Coles,Feb 2020,"Amber: draft with the board"',
        '2.3,Recruit permanent managers,Bev Coles,Mar 2020,"Two of four appointed (Red)"',
        '2.4,Consult young people,Bev Coles,Mar 2020,"RAG: Yellow - one session held"',
        '2.5,Map green spaces for family time,Bev Coles,Mar 2020,"Green spaces listed with the parks team"',
      ].join('\n'),
    );
    assert.deepEqual(
      ['2.1', '2.2', '2.3', '2.4', '2.5'].map((ref) => byRef(draft, ref).status),
      ['GREEN', 'AMBER', 'RED', null, null],
    );
    // A CSV file has no title line to date its updates by: the update stays an update of its
    // action, dated the day of import, and one warning for the document says so.
    const first = byRef(draft, '2.1');
    assert.deepEqual(
      first.updates.map((u) => [u.date, u.text]),
      [['2026-01-15', 'GREEN - launched on 6 January, as planned']],
    );
    assert.equal(first.evidence, null);
    assert.deepEqual(warningsAbout(draft, '2.4'), [
      '"Yellow" is not a status of the plan\'s RAG scheme.',
    ]);
    assert.equal(
      draft.warnings.filter((w) => /dated 15 January 2026, the day of import/.test(w.message))
        .length,
      1,
    );
    assertStatusesAgree(draft);
  });

  it('takes the status of the latest dated update when a cell holds several', async () => {
    const draft = await read(
      'rounds.txt',
      'Northshire Council Improvement Plan 2015 - 2016\n\n' +
        rows(
          ['Ref', 'Action', 'Lead', 'By when', 'RAG', 'Status update'],
          [
            '3.1',
            'Reduce caseloads to 20',
            'Jean Pollard',
            'Dec 2015',
            '',
            '<p>12/05/15: Red - no agency staff yet</p><p>30/06/15: Amber - four agency workers started</p>',
          ],
          [
            '3.2',
            'Quarterly audit days',
            'Jean Pollard',
            'Dec 2015',
            '',
            '<p>Sept 2015 - Green - second audit day held</p><p>June 2015 - Amber - first audit day booked</p>',
          ],
          [
            '3.3',
            'New CIN review template',
            'Jean Pollard',
            'Dec 2015',
            '',
            '<p>May 2015: Amber - drafted</p><p>July 2015: with the legal team for comment</p>',
          ],
          [
            '3.4',
            'Legal tracking panel',
            'Jean Pollard',
            'Dec 2015',
            'Amber',
            '<p>May 2015: Red - not started</p><p>July 2015: Green - panel met</p>',
          ],
          ['3.5', 'Panel terms of reference', 'Jean Pollard', 'Dec 2015', '', 'GREEN - agreed'],
        ),
    );
    const caseloads = byRef(draft, '3.1');
    assert.equal(caseloads.status, 'AMBER');
    assert.deepEqual(
      caseloads.updates.map((u) => [u.date, u.proposedStatus]),
      [
        ['2015-05-12', 'RED'],
        ['2015-06-30', 'AMBER'],
      ],
    );
    assert.equal(byRef(draft, '3.2').status, 'GREEN', 'the latest by date, not by position');
    assert.equal(byRef(draft, '3.3').status, 'AMBER', 'the latest update stating a status');
    // The RAG column is the status as the plan stands; the latest update proposes it.
    const panel = byRef(draft, '3.4');
    assert.equal(panel.status, 'AMBER');
    assert.deepEqual(
      panel.updates.map((u) => u.proposedStatus),
      ['RED', 'AMBER'],
    );
    assert.match(
      warningsAbout(draft, '3.4').join(),
      /The RAG column says AMBER but the latest progress update says GREEN: AMBER is used/,
    );
    // The plan names no month, so an undated update is dated the day of import; its status
    // is still the action's.
    const terms = byRef(draft, '3.5');
    assert.equal(terms.status, 'GREEN');
    assert.deepEqual(
      terms.updates.map((u) => [u.date, u.text]),
      [['2026-01-15', 'GREEN - agreed']],
    );
    assertStatusesAgree(draft);
  });

  it('gives every action listed in one recommendation row the row’s status', async () => {
    const draft = await read(
      'listed.txt',
      'Southshire Council; Ofsted Improvement Plan – April 2018\n\n' +
        rows(
          ['Ofsted Recommendation', 'Actions planned', 'Completion date', 'Lead', 'Update'],
          [
            '1. Improve the quality of plans',
            '<ul><li>Review the template.</li><li>Run workshops.</li></ul>',
            'By December 2017',
            'Leigh Zywek',
            'AMBER - template reviewed; workshops in September',
          ],
        ),
    );
    const actions = draft.document.actions;
    assert.equal(actions.length, 2);
    assert.deepEqual(
      actions.map((a) => a.status),
      ['AMBER', 'AMBER'],
    );
    assert.deepEqual(
      draft.document.updates.map((u) => [u.actionId, u.proposedStatus, u.text]),
      [
        [
          actions[0]?.id,
          'AMBER',
          'Update on recommendation 1 as a whole: AMBER - template reviewed; workshops in September',
        ],
      ],
    );
    assertStatusesAgree(draft);
  });

  it('uses a colour of the plan’s own scheme, read from its RAG key', async () => {
    const draft = await read(
      'keyed.txt',
      'Eastshire Council Improvement Plan May 2016\n\n' +
        rows(
          ['RAG Table', 'Status'],
          ['RED', 'Not met or slipped'],
          ['AMBER', 'On track, not complete'],
          ['GREEN', 'Complete or on target'],
          ['GREY', 'Not yet started'],
          ['BLUE', 'Completed'],
        ) +
        '\n\n' +
        rows(
          ['Ref', 'Action', 'Lead(s)', 'Date Due', 'Status', 'Progress update'],
          ['4.1', 'Train staff', 'Ann James', 'Jul 2016', 'Grey', ''],
          ['4.2', 'Publish standards', 'Ann James', 'Jul 2016', '', 'Completed - published'],
          ['4.3', 'Survey carers', 'Ann James', 'Jul 2016', '', 'Yellow: survey drafted'],
        ),
    );
    assert.deepEqual(
      ['4.1', '4.2', '4.3'].map((ref) => byRef(draft, ref).status),
      ['GREY', 'BLUE', null],
    );
    assert.deepEqual(warningsAbout(draft, '4.3'), [
      '"Yellow" is not a status of the plan\'s RAG scheme.',
    ]);
    assertStatusesAgree(draft);
  });
});
