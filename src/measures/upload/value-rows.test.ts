import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readValueCsv } from './value-csv.js';
import { checkRows, type RowFacts } from './value-rows.js';

// Reading a values file: the encodings Excel writes, the header, and each row's problems
// with its line and column. Invented measures, in several shapes.

const facts: RowFacts = {
  measures: [
    { id: 'm-a', ref: 'KPI 1', name: 'Assessments completed within 45 working days', unit: '%' },
    { id: 'm-b', ref: null, name: 'Average caseload', unit: 'cases' },
    { id: 'm-c', ref: 'W2', name: 'Agency social workers', unit: '%' },
  ],
  series: ['England'],
  span: { periodStart: '2015-01-01', periodEnd: '2016-12-31' },
};
const utf8 = (text: string) => new TextEncoder().encode(text);
const check = (text: string | Uint8Array) =>
  checkRows(readValueCsv(typeof text === 'string' ? utf8(text) : text), facts);

describe('reading a values file', () => {
  test('periods in several formats, reference or exact name, comparators and missing marks', () => {
    const { entries, problems } = check(
      [
        'measure,period,value,series,provisional,note',
        'KPI 1,Apr-15,61,,,',
        'kpi 1,2015-05,68%,,yes,Early figure',
        'Average caseload,April 2015,17.5,,,',
        'Average caseload,Q1 2015/16,c,,,',
        'W2,2015/16,n/a,england,,',
      ].join('\r\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [
        e.line,
        e.measureId,
        e.period,
        e.periodLabel,
        e.series,
        e.value,
        e.missing,
        e.provisional,
      ]),
      [
        [2, 'm-a', '2015-04-30', null, 'actual', 61, null, false],
        [3, 'm-a', '2015-05-31', null, 'actual', 68, null, true],
        [4, 'm-b', '2015-04-30', null, 'actual', 17.5, null, false],
        [5, 'm-b', '2015-06-30', 'Q1 2015/16', 'actual', null, 'c', false],
        [6, 'm-c', '2016-03-31', '2015/16', 'England', null, 'n/a', false],
      ],
    );
    assert.equal(entries[1]?.note, 'Early figure');
  });

  test('UTF-8 with a byte-order mark and Windows-1252 files read alike', () => {
    const text =
      'measure,period,value,note\r\nAverage caseload,Apr-15,16,Caf\u00e9 team \u2013 interim\r\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    // Windows-1252: é is 0xE9, the en dash 0x96 (not valid UTF-8).
    const cp1252 = new Uint8Array(
      [...text].map((ch) => (ch === '\u00e9' ? 0xe9 : ch === '\u2013' ? 0x96 : ch.charCodeAt(0))),
    );
    for (const bytes of [bom, cp1252]) {
      const { entries, problems } = check(bytes);
      assert.deepEqual(problems, []);
      assert.equal(entries[0]?.note, 'Caf\u00e9 team \u2013 interim');
    }
  });

  test('wrong, missing and repeated headers are said on line 1 with the column', () => {
    const { entries, problems } = check('measure,when,value,value\nKPI 1,Apr-15,61,62\n');
    assert.deepEqual(entries, []);
    assert.deepEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [1, 'when'],
        [1, 'value'],
        [1, 'period'],
      ],
    );
    assert.match(problems[2]?.message ?? '', /must name a “period” column/);
  });

  test('each bad row names its line and column; the good rows can still be saved', () => {
    const { entries, problems } = check(
      [
        'measure,period,value,provisional',
        '',
        'KPI 1,Apr-15,sixty,',
        'Unknown measure,Apr-15,10,',
        'KPI 1,Spring,10,',
        'KPI 1,May-15,104,',
        'KPI 1,Apr-12,50,',
        'Average caseload,Jun-15,18,maybe',
        'W2,Jul-15,12,',
        'W2,2015-07,13,',
        'KPI 1,Aug-15,,',
        'Average caseload,Sep-15,19,no',
      ].join('\n'),
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [3, 'value'],
        [4, 'measure'],
        [5, 'period'],
        [6, 'value'],
        [7, 'period'],
        [8, 'provisional'],
        [10, 'period'],
        [11, 'value'],
      ],
    );
    const text = problems.map((p) => p.message);
    assert.match(text[0] ?? '', /“sixty” is not a number/);
    assert.match(text[1] ?? '', /no measure “Unknown measure” in this plan/);
    assert.match(text[3] ?? '', /percentage must be between 0 and 100/);
    assert.match(text[4] ?? '', /within the plan’s time: from January 2015 to December 2017/);
    assert.match(text[6] ?? '', /also on line 9/);
    // Both rows of a duplicated period wait for the person to choose; the last row is fine.
    assert.deepEqual(
      entries.map((e) => e.line),
      [12],
    );
  });

  test('a note or series holding a child’s personal details is refused on its line and column', () => {
    const { entries, problems } = check(
      [
        'measure,period,value,note',
        'KPI 1,Apr-15,61,Lower because Amy Jones (DOB 3/4/2012) moved placement',
        'KPI 1,May-15,63,Case number 5521908 reviewed',
        'KPI 1,Jun-15,64,Two audits in June',
      ].join('\n'),
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [2, 'note'],
        [3, 'note'],
      ],
    );
    assert.match(problems[0]?.message ?? '', /This looks like a name with a date of birth/);
    assert.match(problems[1]?.message ?? '', /This looks like a case or client number/);
    assert.deepEqual(
      entries.map((e) => e.line),
      [4],
    );
  });

  test('a file that is not CSV, or has only a header, is said plainly', () => {
    assert.throws(() => readValueCsv(utf8('measure,period,value\n"KPI 1,Apr-15,61\n')), {
      message: /quotes around cells are closed/,
    });
    assert.throws(() => readValueCsv(new Uint8Array()), { message: 'The selected file is empty' });
    assert.deepEqual(
      check('measure,period,value\n').problems.map((p) => p.message),
      ['The file has a header but no values'],
    );
  });
});
