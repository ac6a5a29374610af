import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueText } from '../../plans/content/form-fields.js';
import type { ExtractedDocument } from '../import.types.js';
import { applyMappings, describeLayouts, headerSignature } from './column-mapping.js';
import { interpretPlan } from './interpret-plan.js';

// A tracker whose header the importer cannot read ("Item", "Task", "Owner", "Deadline" are
// partly unknown) under a title row: the person marks row 2 as the header and gives roles.
const row = (line: number, cells: string[]) => ({ cells, where: { line } });
const tracker: ExtractedDocument = {
  format: 'csv',
  blocks: [
    {
      type: 'table',
      where: { line: 1 },
      rows: [
        row(1, ['Northholm Council action tracker', '', '', '', '']),
        row(2, ['Item', 'Workstream task', 'Accountable person', 'Finish by', 'Colour']),
        row(3, ['1.1', 'Review the front door thresholds', 'Head of MASH', 'March 2027', 'Green']),
        row(4, [
          '1.2',
          'Train every team in the practice model',
          'Practice Lead',
          'June 2027',
          'Amber',
        ]),
        row(5, ['Item', 'Workstream task', 'Accountable person', 'Finish by', 'Colour']),
        row(6, ['1.3', 'Audit thirty plans each month', 'QA Manager', 'Monthly', 'Red']),
      ],
    },
  ],
};

describe('column mappings', () => {
  it('offers each column with its role and cells, and reads the table as the person mapped it', () => {
    const [layout] = describeLayouts(tracker, new Map());
    assert.equal(layout?.columns.length, 5);
    const signature = headerSignature(
      tracker.blocks[0]?.type === 'table' ? (tracker.blocks[0].rows[1]?.cells ?? []) : [],
    );
    assert.equal(layout?.rows[1]?.signature, signature);
    const mappings = new Map([
      [
        signature,
        {
          roles: [
            'ref' as const,
            'action' as const,
            'lead' as const,
            'due' as const,
            'ignore' as const,
          ],
        },
      ],
    ]);
    const mapped = applyMappings(tracker, mappings);
    // The title row is text now, the colours column is gone, repeated headers carry the roles.
    assert.equal(mapped.blocks[0]?.type, 'text');
    const table = mapped.blocks[1];
    assert.ok(table?.type === 'table');
    assert.deepEqual(table.rows[0]?.cells, ['Ref', 'Action', 'Lead', 'Due date']);
    assert.deepEqual(table.rows[3]?.cells, ['Ref', 'Action', 'Lead', 'Due date']);
    const { document } = interpretPlan(mapped);
    assert.deepEqual(
      document.actions.map((a) => [a.ref, a.leads.map((l) => l.name).join(), dueText(a.due)]),
      [
        ['1.1', 'Head of MASH', 'March 2027'],
        ['1.2', 'Practice Lead', 'June 2027'],
        ['1.3', 'QA Manager', 'Monthly'],
      ],
    );
    assert.ok(document.actions.every((a) => a.status === null));
    // The same layout is recognised by its header words: shown as chosen, with the roles kept.
    const [again] = describeLayouts(tracker, mappings);
    assert.equal(again?.chosen, true);
    assert.equal(again?.headerRow, 1);
    assert.deepEqual(
      again?.columns.map((c) => c.role),
      ['ref', 'action', 'lead', 'due', 'ignore'],
    );
    // Without a mapping nothing changes.
    assert.equal(applyMappings(tracker, new Map()), tracker);
  });
});
