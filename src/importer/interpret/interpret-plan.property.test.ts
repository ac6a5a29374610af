import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueText } from '../../plans/content/form-fields.js';
import fc from 'fast-check';
import { AppError } from '../../lib/errors.js';
import { planDocumentSchema } from '../../plans/document/plan-document.schema.js';
import type { ExtractedDocument, SourceBlock } from '../import.types.js';
import { UnreadableTableError } from './errors.js';
import { interpretPlan } from './interpret-plan.js';
import { seed } from './seed-blocks.test-helper.js';

const HEADER = ['Ref', 'Action', 'Outcome', 'Improvement Measure', 'Lead(s)', 'Date Due', 'Status'];
const cellText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '1',
    '1.1',
    '2.3',
    'Red',
    'Amber',
    'Jul 2015',
    'Ann James/Bev Coles',
    '£25,000',
    'Section One',
    '',
  ),
);

const block = fc.oneof(
  fc.record({
    type: fc.constant('text' as const),
    text: fc.string({ maxLength: 80 }),
    where: fc.constant({ line: 1 }),
  }),
  fc.record({
    type: fc.constant('table' as const),
    rows: fc.array(
      fc
        .oneof(fc.constant(HEADER), fc.array(cellText, { maxLength: 8 }))
        .map((cells) => ({ cells, where: { line: 2 } })),
      { maxLength: 12 },
    ),
    where: fc.constant({ line: 2 }),
  }),
);

// Real rows, shuffled and cut, are closer to what a bad extraction produces than pure noise.
const seedRows = seed('seed-001.txt').blocks.flatMap((b) => (b.type === 'table' ? b.rows : []));
const mangled = fc
  .shuffledSubarray(seedRows, { maxLength: 40 })
  .chain((rows) =>
    fc.tuple(
      fc.constant(rows),
      fc.array(fc.nat(200), { minLength: rows.length, maxLength: rows.length }),
    ),
  )
  .map(([rows, cuts]): SourceBlock[] => [
    { type: 'table', where: { line: 1 }, rows: [{ cells: HEADER, where: { line: 1 } }] },
    {
      type: 'table',
      where: { line: 2 },
      rows: rows.map((r, i) => ({ ...r, cells: r.cells.map((c) => c.slice(0, cuts[i] ?? 0)) })),
    },
  ]);

function check(blocks: SourceBlock[]): void {
  const doc: ExtractedDocument = { format: 'text', blocks };
  try {
    const draft = interpretPlan(doc);
    const parsed = planDocumentSchema.safeParse(draft.document);
    assert.ok(
      parsed.success,
      JSON.stringify(parsed.success ? null : parsed.error.issues.slice(0, 2)),
    );
  } catch (error) {
    assert.ok(error instanceof AppError, `threw ${String(error)}`);
  }
}

describe('interpretPlan on any input', () => {
  it('returns a valid draft or throws the documented AppError for random blocks', () => {
    fc.assert(fc.property(fc.array(block, { maxLength: 8 }), check), { numRuns: 300 });
  });

  it('returns a valid draft for shuffled and cut plan rows', () => {
    fc.assert(fc.property(mangled, check), { numRuns: 100 });
  });

  it('names the columns it looked for when no table has a header', () => {
    const doc: ExtractedDocument = {
      format: 'csv',
      blocks: [
        {
          type: 'table',
          where: { line: 1 },
          rows: [{ cells: ['Name', 'Age'], where: { line: 1 } }],
        },
      ],
    };
    assert.throws(
      () => interpretPlan(doc),
      (e: unknown) => {
        assert.ok(e instanceof UnreadableTableError);
        assert.match(e.message, /Recommendation/);
        assert.match(e.message, /"Name", "Age"/);
        return true;
      },
    );
  });

  it('names the organisation from the file name when the text does not', () => {
    const doc: ExtractedDocument = {
      format: 'csv',
      blocks: [
        { type: 'table', where: { line: 1 }, rows: [{ cells: HEADER, where: { line: 1 } }] },
      ],
    };
    const draft = interpretPlan(doc, { fileName: 'Somewhere Council plan.xlsx' });
    assert.equal(draft.document.organisation.slug, 'somewhere-council-plan');
    assert.ok(draft.warnings.some((w) => /council's name/.test(w.message)));
  });

  it('warns about personal data and missing leads', () => {
    const doc: ExtractedDocument = {
      format: 'csv',
      blocks: [
        {
          type: 'table',
          where: { line: 1 },
          rows: [
            { cells: HEADER, where: { line: 1 } },
            {
              cells: ['1.1', 'Visit Jane Smith DOB 01/02/2010', '', '', '', 'Jul 2015', ''],
              where: { line: 2 },
            },
          ],
        },
      ],
    };
    const codes = interpretPlan(doc).warnings.map((w) => w.code);
    assert.ok(codes.includes('personal-data'));
    assert.ok(codes.includes('no-lead'));
  });
});

describe('interpretPlan with lists in cells', () => {
  it('splits a row listing actions with parallel leads and dates', () => {
    const doc: ExtractedDocument = {
      format: 'docx',
      blocks: [
        {
          type: 'table',
          where: { table: 1 },
          rows: [
            { cells: ['Action', 'By When?', 'By Whom?', 'RAG'], where: { line: 1 } },
            {
              cells: [
                '• Write policy\n• Train staff',
                'Sep 2015\nDec 2015',
                'Ann James\nBev Coles',
                'Green',
              ],
              where: { line: 2 },
            },
          ],
        },
      ],
    };
    const { document } = interpretPlan(doc);
    assert.deepEqual(
      document.actions.map((a) => [a.text, dueText(a.due), a.leads[0]?.name]),
      [
        ['Write policy', 'Sep 2015', 'Ann James'],
        ['Train staff', 'Dec 2015', 'Bev Coles'],
      ],
    );
    assert.equal(document.actions[0]?.status, 'GREEN');
  });
});

describe('interpretPlan date warnings', () => {
  it('warns about unreadable dates and dates far outside the plan period', () => {
    const doc: ExtractedDocument = {
      format: 'text',
      blocks: [
        { type: 'text', text: 'Anytown Council Improvement Plan 2015 - 2016', where: { line: 1 } },
        {
          type: 'table',
          where: { line: 2 },
          rows: [
            { cells: ['Ref', 'Action', 'Lead', 'Date Due'], where: { line: 2 } },
            { cells: ['1.1', 'Write policy', 'Ann James', 'Jul 2031'], where: { line: 3 } },
            {
              cells: ['1.2', 'Train staff', 'Ann James', 'when the moon is blue'],
              where: { line: 4 },
            },
          ],
        },
      ],
    };
    const { document, warnings } = interpretPlan(doc);
    assert.equal(document.organisation.slug, 'anytown-council');
    assert.deepEqual(
      warnings.filter((w) => w.code.includes('date')).map((w) => [w.code, w.where.line]),
      [
        ['date-outside-period', 3],
        ['unparsed-date', 4],
      ],
    );
  });
});
