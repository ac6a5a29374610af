import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ExtractedDocument, SourceBlock } from '../import.types.js';
import { readCsv } from './csv.reader.js';
import { readHtml } from './html.reader.js';
import { fragmentToText } from './plain-text.js';
import { isPipeSeparator, readText } from './text.reader.js';

// Excerpts copied from the seed texts (000: tab rows with HTML cells; 001: plain tab rows
// among narrative; 002: markdown pipe tables with garbled splits).
const SEED_000 = [
  '',
  '**Bath and North-East Somerset; Ofsted Improvement Plan – April 2018**',
  '',
  'Ofsted Recommendation\tTarget/Goal\tActions planned and/or undertaken\tCompletion date\tLead',
  '1. Improve the quality of child in need, child protection and pathway plans\t<ul style="list-style-type: none"> <li>To improve the overall quality of assessments.</li> <li>To build on the examples of good practice.</li> </ul>\t<ul style="list-style-type: none"> <li>Parental engagement group will continue to develop work on CP processes.</li> </ul>\t<p>By December 2017</p> <p>By</p>\t<p>Pete Campbell/Bev Coles/Mel Argles</p> <p>Lesley Hutchinson/Ric</p>',
  '',
  'Ofsted Recommendation\tTarget/Goal\tActions planned and/or undertaken\tCompletion date\tLead',
  'ies.\t\t<p>for the completion of Pathway plans.</p>\t<p>December 2017</p>\t<p>hard Baldwin &amp; Julie Morris</p>',
].join('\n');

const SEED_001 = [
  '6 Risk management / assessment:',
  '',
  'FIGURE 1\t\t\t\t\t\t\t',
  'No.\tRISK Threat to achievement of the key objectives of the report\tINHERENT RISK\t\tRISK CONTROL MEASURES\tCURRENT RISK\t\tRISK OWNER',
  '\t\t(Before controls)\t\t\t(After controls)\t\t',
  '\t\tImpact\tProbability\t\tImpact\tProbability\t',
  '1\tThe targets are very challenging in a context of reducing resources\tHigh\tMedium\tRe-modelling social work phase 2\tHigh\tMedium\tJean Pollard',
  '',
  'The Plan sets out the actions that will be undertaken, the expected outcomes and the date due.',
  '',
  'RAG Table\tStatus',
  'RED\tTasks and or outcomes have not been met or timescale slipped',
  'GREY\tNot yet started',
].join('\r\n');

const SEED_002 = [
  'Our **vision** is for our most vulnerable children to achieve outcomes as good as their peers.',
  '',
  '| Workstream | Strategic Sponsor | Operational Lead |',
  '|--|--|---|',
  "| 1. Improving Leadership, Management, | Portfolio Holder for Children's Services | Corporate Director - Communities |",
  '| Governance and Partnerships | supported by | |',
  '| Identify and implement immediate resourcing requirements. | Current | Catherine Parry (Interim HoS) | | Costs \\| agency |',
  '|--|----------|--------------------|--|---|',
  '| strategy. | | term response to improvement and would span 2016/17. |',
  '',
  '- "Signs of Safety" framework',
].join('\n');

function tables(doc: ExtractedDocument) {
  return doc.blocks.filter((b): b is Extract<SourceBlock, { type: 'table' }> => b.type === 'table');
}
function texts(doc: ExtractedDocument) {
  return doc.blocks.filter((b): b is Extract<SourceBlock, { type: 'text' }> => b.type === 'text');
}

describe('readText', () => {
  it('turns tab rows with HTML cells into tables, one per blank-separated run, with bullets', () => {
    const doc = readText(SEED_000);
    assert.equal(doc.format, 'text');
    const [title] = texts(doc);
    assert.deepEqual(title, {
      type: 'text',
      text: 'Bath and North-East Somerset; Ofsted Improvement Plan – April 2018',
      where: { line: 2 },
    });
    const [first, second] = tables(doc);
    assert.equal(tables(doc).length, 2);
    assert.deepEqual(
      first?.rows.map((r) => r.where.line),
      [4, 5],
    );
    assert.deepEqual(
      first?.rows.map((r) => r.cells.length),
      [5, 5],
    );
    assert.deepEqual(first?.rows[1]?.cells.slice(1, 4), [
      '• To improve the overall quality of assessments.\n• To build on the examples of good practice.',
      '• Parental engagement group will continue to develop work on CP processes.',
      'By December 2017\nBy',
    ]);
    assert.deepEqual(second?.rows[1]?.cells, [
      'ies.',
      '',
      'for the completion of Pathway plans.',
      'December 2017',
      'hard Baldwin & Julie Morris',
    ]);
    assert.equal(second?.where.line, 7);
  });

  it('keeps empty leading cells and narrative lines around plain tab tables (CRLF)', () => {
    const doc = readText(SEED_001);
    const [risks, rag] = tables(doc);
    assert.deepEqual(
      risks?.rows.map((r) => r.where.line),
      [3, 4, 5, 6, 7],
    );
    assert.deepEqual(risks?.rows[2]?.cells.slice(0, 3), ['', '', '(Before controls)']);
    assert.equal(risks?.rows[4]?.cells[7], 'Jean Pollard');
    assert.deepEqual(
      rag?.rows.map((r) => r.cells),
      [
        ['RAG Table', 'Status'],
        ['RED', 'Tasks and or outcomes have not been met or timescale slipped'],
        ['GREY', 'Not yet started'],
      ],
    );
    assert.deepEqual(
      texts(doc).map((t) => [t.where.line, t.text]),
      [
        [1, '6 Risk management / assessment:'],
        [
          9,
          'The Plan sets out the actions that will be undertaken, the expected outcomes and the date due.',
        ],
      ],
    );
  });

  it('reads markdown pipe tables, skipping separator rows and keeping escaped pipes', () => {
    const doc = readText(SEED_002);
    const [table] = tables(doc);
    assert.equal(tables(doc).length, 1);
    assert.deepEqual(
      table?.rows.map((r) => r.where.line),
      [3, 5, 6, 7, 9],
    );
    assert.deepEqual(table?.rows[2]?.cells, ['Governance and Partnerships', 'supported by', '']);
    assert.deepEqual(table?.rows[3]?.cells.at(-1), 'Costs | agency');
    assert.equal(texts(doc)[0]?.text.includes('**'), false);
    assert.match(texts(doc)[0]?.text ?? '', /^Our vision is/);
    assert.equal(texts(doc)[1]?.where.line, 11);
  });

  it('treats markup-looking text as text: escaped entities stay literal', () => {
    assert.equal(
      fragmentToText('a &lt;script&gt; b<br>c &#39;d&#39;&nbsp;e'),
      "a <script> b\nc 'd' e",
    );
  });
});

describe('readHtml', () => {
  it('reads tables with colspan and rowspan, and paragraphs in order', () => {
    const doc = readHtml(
      '<!doctype html><html><body><h1>Improvement plan</h1><p>Intro &amp; aims</p>' +
        '<table><tr><th>Ref</th><th>Action</th><th>Lead</th></tr>' +
        '<tr><td colspan="3">Outcomes for care leavers</td></tr>' +
        '<tr><td>1.1</td><td><p>Complete plans</p><ul><li>one</li><li>two</li></ul></td><td rowspan="2">Ann James</td></tr>' +
        '<tr><td>1.2</td><td>Review plans</td></tr></table><p>After</p></body></html>',
    );
    assert.deepEqual(
      doc.blocks.map((b) => (b.type === 'text' ? b.text : b.rows.map((r) => r.cells))),
      [
        'Improvement plan',
        'Intro & aims',
        [
          ['Ref', 'Action', 'Lead'],
          ['Outcomes for care leavers', '', ''],
          ['1.1', 'Complete plans\n• one\n• two', 'Ann James'],
          ['1.2', 'Review plans', ''],
        ],
        'After',
      ],
    );
  });

  it('survives hostile spans', () => {
    const doc = readHtml(
      '<table><tr><td colspan="99999999" rowspan="-3">x</td></tr><tr><td>y</td></tr></table>',
    );
    const [table] = tables(doc);
    assert.equal(table?.rows[0]?.cells.length, 1000);
    assert.equal(table?.rows[1]?.cells[0], 'y');
  });
});

describe('readCsv', () => {
  it('reads quoted fields with commas, newlines and doubled quotes, numbering rows by line', () => {
    const doc = readCsv(
      '\uFEFFRef,Action,Lead\r\n1.1,"Review plans, then ""audit""\nmonthly",Ann James\r\n\r\n1.2,x,\n',
    );
    assert.deepEqual(
      tables(doc)[0]?.rows.map((r) => [r.where.line, r.cells]),
      [
        [1, ['Ref', 'Action', 'Lead']],
        [2, ['1.1', 'Review plans, then "audit"\nmonthly', 'Ann James']],
        [5, ['1.2', 'x', '']],
      ],
    );
  });
});

const awkward = fc.constantFrom(
  '\t',
  '|',
  '\n',
  '\r\n',
  '<p>',
  '<li>',
  'a',
  ' ',
  '"',
  ',',
  '-',
  '**',
  '&amp;',
  '\uFEFF',
  '£',
);
const inputs = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 3000, size: 'max' }),
  fc.string({ unit: 'binary', maxLength: 3000, size: 'max' }),
  fc.string({ unit: awkward, maxLength: 1500, size: 'max' }),
);

function linesIn(doc: ExtractedDocument): Set<number> {
  const seen = new Set<number>();
  for (const b of doc.blocks) {
    if (b.type === 'text' && b.where.line) seen.add(b.where.line);
    if (b.type === 'table') b.rows.forEach((r) => r.where.line && seen.add(r.where.line));
  }
  return seen;
}

describe('readers on arbitrary input', () => {
  it('readText never throws and places every non-blank line in a block', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const doc = readText(input);
        const seen = linesIn(doc);
        const body = input.startsWith('\uFEFF') ? input.slice(1) : input;
        body.split(/\r\n|\r|\n/).forEach((line, i) => {
          if (line.trim() === '' || seen.has(i + 1)) return;
          const dropped =
            fragmentToText(line).replace(/\*\*/g, '').trim() === '' ||
            (!line.includes('\t') && isPipeSeparator(line));
          assert.ok(dropped, `line ${i + 1} lost: ${JSON.stringify(line)}`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('readCsv never throws and keeps every character except quotes, commas and spaces', () => {
    const visible = (s: string) => s.replace(/[\s",]/g, '');
    fc.assert(
      fc.property(inputs, (input) => {
        const doc = readCsv(input);
        const cells = tables(doc).flatMap((t) => t.rows.flatMap((r) => r.cells));
        assert.equal(visible(cells.join('')), visible(input));
      }),
      { numRuns: 300 },
    );
  });
});
