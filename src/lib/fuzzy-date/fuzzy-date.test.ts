import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { daysInMonth, MONTH_NAMES } from './calendar.js';
import {
  type FuzzyDate,
  type PlanPeriod,
  describeFuzzyDate,
  isOverdue,
  parseFuzzyDate,
} from './fuzzy-date.js';
import { fuzzyDateSchema } from './fuzzy-date.schema.js';

// Compile-time: the schema's type and the interface must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<z.infer<typeof fuzzyDateSchema>, FuzzyDate> = true;

type Expected = Partial<Omit<FuzzyDate, 'text' | 'warnings'>> & {
  warnings?: string[] | RegExp[];
};

interface Case {
  text: string;
  period?: PlanPeriod;
  want: Expected;
}

const month = (start: string, end: string): Expected => ({ kind: 'month', start, end });

// Every form below appears in the seed plans, except where noted.
const CASES: Case[] = [
  { text: 'By December 2017', want: month('2017-12-01', '2017-12-31') },
  { text: 'December 2017', want: month('2017-12-01', '2017-12-31') },
  { text: 'End June 2015', want: month('2015-06-01', '2015-06-30') },
  { text: 'End May 2015', want: month('2015-05-01', '2015-05-31') },
  { text: 'Jul 2016', want: month('2016-07-01', '2016-07-31') },
  { text: 'Apr 15', want: month('2015-04-01', '2015-04-30') },
  { text: 'June 18', want: month('2018-06-01', '2018-06-30') },
  { text: 'Dec 17', want: month('2017-12-01', '2017-12-31') },
  { text: 'Sept 2015', want: month('2015-09-01', '2015-09-30') },
  { text: 'Septembe r 2015', want: month('2015-09-01', '2015-09-30') },
  {
    text: 'September 2017 onwards',
    want: { kind: 'month', start: '2017-09-01', end: null, onwards: true },
  },
  {
    text: '29/6/2015 onwards.',
    want: { kind: 'date', start: '2015-06-29', end: null, onwards: true },
  },
  {
    text: 'from July 2014',
    want: { kind: 'month', start: '2014-07-01', end: null, onwards: true },
  },
  { text: '29 June 2015', want: { kind: 'date', start: '2015-06-29', end: '2015-06-29' } },
  { text: '29/06/15', want: { kind: 'date', start: '2015-06-29', end: '2015-06-29' } },
  { text: '2015-06-29', want: { kind: 'date', start: '2015-06-29', end: '2015-06-29' } },
  { text: 'With immediate effect', want: { kind: 'immediate', start: null, end: null } },
  { text: 'Immediately', want: { kind: 'immediate', start: null, end: null } },
  { text: 'Current', want: { kind: 'ongoing', start: null, end: null } },
  { text: 'CURRENT', want: { kind: 'ongoing', start: null, end: null } },
  { text: 'Ongoing', want: { kind: 'ongoing', start: null, end: null } },
  {
    text: 'Ongoing (but progress to be checked in December 2017)',
    want: { kind: 'ongoing', start: null, end: null, reviewBy: '2017-12-31' },
  },
  {
    text: 'Ongoing (but to be reviewed quarterly)',
    want: { kind: 'ongoing', end: null, recurrence: { frequency: 'quarterly', months: [] } },
  },
  {
    text: 'Quarterly',
    want: {
      kind: 'recurring',
      start: null,
      end: null,
      recurrence: { frequency: 'quarterly', months: [] },
    },
  },
  {
    text: 'Annually (Usually in April/May )',
    want: { kind: 'recurring', end: null, recurrence: { frequency: 'annually', months: [4, 5] } },
  },
  {
    text: 'Annually (usually April)',
    want: { kind: 'recurring', end: null, recurrence: { frequency: 'annually', months: [4] } },
  },
  { text: 'Autumn 2015', want: { kind: 'season', start: '2015-09-01', end: '2015-11-30' } },
  // Not in the seeds: the other seasons, quarters and year forms the rules name.
  { text: 'Winter 2015', want: { kind: 'season', start: '2015-12-01', end: '2016-02-29' } },
  { text: 'Quarter 2 2016/17', want: { kind: 'quarter', start: '2016-07-01', end: '2016-09-30' } },
  { text: 'Q4 2016/17', want: { kind: 'quarter', start: '2017-01-01', end: '2017-03-31' } },
  {
    text: 'Q1 2016',
    want: {
      kind: 'quarter',
      start: '2016-01-01',
      end: '2016-03-31',
      warnings: [/calendar quarter/],
    },
  },
  { text: '2015/16', want: { kind: 'financial-year', start: '2015-04-01', end: '2016-03-31' } },
  { text: 'FY 2015-16', want: { kind: 'financial-year', start: '2015-04-01', end: '2016-03-31' } },
  { text: '2016', want: { kind: 'year', start: '2016-01-01', end: '2016-12-31' } },
  { text: 'Jan - Mar 2016', want: month('2016-01-01', '2016-03-31') },
  { text: 'tba', want: { kind: 'tbc', start: null, end: null } },
  { text: 'To be confirmed', want: { kind: 'tbc' } },
  { text: 'TBC', want: { kind: 'tbc' } },
  {
    text: 'Jan 2015 Apr 2015',
    want: {
      kind: 'month',
      start: '2015-01-01',
      end: '2015-04-30',
      milestones: ['2015-01-31', '2015-04-30'],
      warnings: [/several dates.*30 April 2015, is used as the due date/],
    },
  },
  {
    text: 'Mar 2015 / Jun 2015',
    want: {
      kind: 'month',
      start: '2015-03-01',
      end: '2015-06-30',
      milestones: ['2015-03-31', '2015-06-30'],
      warnings: [/several dates/],
    },
  },
  {
    text: 'By',
    want: {
      kind: 'unknown',
      start: null,
      end: null,
      warnings: ['Only "By" was written: the date is missing (truncated?)'],
    },
  },
  // Dates split mid-word by PDF extraction, rejoined when the pieces are not words alone.
  { text: 'Decembe r 2015', want: month('2015-12-01', '2015-12-31') },
  { text: 'End Novem ber 2016', want: month('2016-11-01', '2016-11-30') },
  { text: 'Dec ember 2016', want: month('2016-12-01', '2016-12-31') },
  {
    text: 'Decembe r',
    period: { start: '2015-04-01', end: '2017-03-31' },
    want: { ...month('2015-12-01', '2015-12-31'), warnings: [/No year was given/] },
  },
  // A due date inside a sentence: the phrase a deadline word introduces is read.
  {
    text: 'Revised template to be completed and agreed by September 2017.',
    want: { ...month('2017-09-01', '2017-09-30'), warnings: [] },
  },
  {
    text: 'Fully implement by end July 2015',
    want: { ...month('2015-07-01', '2015-07-31'), warnings: [] },
  },
  {
    text: 'Report to be completed no later than the end of March 2016.',
    want: { ...month('2016-03-01', '2016-03-31'), warnings: [] },
  },
  {
    text: 'Draft by March 2016, final version by June 2016.',
    want: {
      ...month('2016-03-01', '2016-06-30'),
      milestones: ['2016-03-31', '2016-06-30'],
      warnings: [/several dates/],
    },
  },
  {
    // Not in the seeds: a date opening the cell, with a neighbouring column's words after it.
    text: 'October 2015 Manager, QA Board',
    want: {
      ...month('2015-10-01', '2015-10-31'),
      warnings: [
        /^Read the due date from "October 2015"; the words after it \("Manager, QA Board"\)/,
      ],
    },
  },
  {
    text: 'by Decembe r 2016 at the latest',
    want: { ...month('2016-12-01', '2016-12-31'), warnings: [/from "by Decembe r 2016"/] },
  },
  // Dates in prose that is not a deadline, or without their year, are not guessed at.
  {
    text: 'The review in March 2016 found gaps',
    want: { kind: 'unknown', warnings: [/Could not read/] },
  },
  {
    text: 'Supported by May Smith',
    period: { start: '2015-04-01', end: '2017-03-31' },
    want: { kind: 'unknown', warnings: [/Could not read/] },
  },
  { text: '2015 review of services', want: { kind: 'unknown', warnings: [/Could not read/] } },
  { text: 'Report by 5 social workers', want: { kind: 'unknown', warnings: [/Could not read/] } },
  { text: '', want: { kind: 'unknown', start: null, end: null, warnings: [] } },
  { text: '   \n ', want: { kind: 'unknown', warnings: [] } },
  { text: 'Sometime soonish', want: { kind: 'unknown', warnings: [/"Sometime soonish"/] } },
  { text: '31/6/2015', want: { kind: 'unknown', warnings: [/There is no 31 June 2015/] } },
  {
    text: 'March 17',
    period: { start: '2017-11-01', end: '2019-03-31' },
    want: {
      kind: 'month',
      start: '2017-03-01',
      end: '2017-03-31',
      warnings: [/outside the plan period \(1 November 2017 to 31 March 2019\)/],
    },
  },
  {
    text: 'March 18',
    period: { start: '2017-11-01', end: '2019-03-31' },
    want: { kind: 'month', start: '2018-03-01', end: '2018-03-31', warnings: [] },
  },
];

function check(c: Case): FuzzyDate {
  const got = parseFuzzyDate(c.text, c.period);
  const { warnings, ...fields } = c.want;
  const defaults = { onwards: false, reviewBy: null, recurrence: null, milestones: [] };
  for (const [key, value] of Object.entries({ ...defaults, ...fields })) {
    assert.deepEqual(got[key as keyof FuzzyDate], value, `${key} of ${JSON.stringify(c.text)}`);
  }
  if (warnings) {
    assert.equal(got.warnings.length, warnings.length, `warnings: ${got.warnings.join(' | ')}`);
    warnings.forEach((w, i) => {
      if (typeof w === 'string') assert.equal(got.warnings[i], w);
      else assert.match(got.warnings[i] ?? '', w);
    });
  }
  return got;
}

describe('parseFuzzyDate', () => {
  for (const c of CASES) {
    test(JSON.stringify(c.text), () => {
      check(c);
    });
  }

  test('keeps the words exactly as written', () => {
    assert.equal(parseFuzzyDate('  Dec 17 \t').text, '  Dec 17 \t');
    assert.equal(parseFuzzyDate('  Dec 17 \t').end, '2017-12-31');
  });

  test('a date read from a sentence keeps the whole sentence as written', () => {
    const text = 'Revised template to be completed and agreed by September 2017.';
    assert.equal(parseFuzzyDate(text).text, text);
  });

  test('month windows need no warnings', () => {
    assert.deepEqual(parseFuzzyDate('By December 2017').warnings, []);
  });
});

describe('isOverdue', () => {
  const dec = parseFuzzyDate('December 2017');
  test('a month is not overdue on its last day', () =>
    assert.equal(isOverdue(dec, '2017-12-31'), false));
  test('a month is overdue the next day', () => assert.equal(isOverdue(dec, '2018-01-01'), true));
  test('not overdue before the window', () => assert.equal(isOverdue(dec, '2017-06-01'), false));
  test('ongoing is never overdue', () => {
    const ongoing = parseFuzzyDate('Ongoing (but progress to be checked in December 2017)');
    assert.equal(isOverdue(ongoing, '2030-01-01'), false);
  });
  test('recurring, tbc, immediate, unknown and onwards items are never overdue', () => {
    for (const text of [
      'Quarterly',
      'tba',
      'With immediate effect',
      'By',
      'September 2017 onwards',
    ]) {
      assert.equal(isOverdue(parseFuzzyDate(text), '2030-01-01'), false, text);
    }
  });
  test('a bad "today" is never overdue', () => assert.equal(isOverdue(dec, 'tomorrow'), false));
});

describe('describeFuzzyDate', () => {
  const cases: [string, string][] = [
    ['By December 2017', 'by 31 December 2017'],
    ['29 June 2015', 'by 29 June 2015'],
    ['September 2017 onwards', 'from 1 September 2017 onwards'],
    ['Ongoing', 'ongoing'],
    [
      'Ongoing (but progress to be checked in December 2017)',
      'ongoing, review by 31 December 2017',
    ],
    ['Ongoing (but to be reviewed quarterly)', 'ongoing, reviewed quarterly'],
    ['Quarterly', 'quarterly'],
    ['Annually (Usually in April/May )', 'annually, usually in April or May'],
    ['tba', 'to be confirmed'],
    ['With immediate effect', 'immediately'],
    ['Jan 2015 Apr 2015', 'by 30 April 2015 (last of 2 dates)'],
    ['Sometime soonish', 'date not understood'],
    ['', 'no date given'],
  ];
  for (const [text, want] of cases) {
    test(JSON.stringify(text), () => assert.equal(describeFuzzyDate(parseFuzzyDate(text)), want));
  }
});

const isoOrder = (d: FuzzyDate) => d.start === null || d.end === null || d.start <= d.end;

describe('schema', () => {
  test('the schema type equals FuzzyDate', () => assert.equal(schemaMatchesInterface, true));
  test('every parse result passes fuzzyDateSchema', () => {
    for (const c of CASES) fuzzyDateSchema.parse(parseFuzzyDate(c.text, c.period));
  });
  test('rejects extra fields and non-ISO dates', () => {
    const ok = parseFuzzyDate('Dec 17');
    assert.equal(fuzzyDateSchema.safeParse({ ...ok, extra: 1 }).success, false);
    assert.equal(fuzzyDateSchema.safeParse({ ...ok, end: '31/12/2017' }).success, false);
  });
});

describe('properties', () => {
  const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
  // Pieces of real cells, shuffled, to reach the deeper paths of the parser.
  // prettier-ignore
  const pieces = ['Jan', 'Sept', 'Septembe', 'r', '2015', '/', '-', '.', 'Q1', 'Quarter', 'by', 'End',
    'onwards', '(', ')', 'ongoing', '15', '16', '29', '6', 'tbc', 'quarterly', 'w/c', 'Winter', 'term',
    'FY', '2015/16', 'and', 'to', 'from', "'", 'usually', 'April', '31', 'st'];
  const cellish = fc
    .array(fc.constantFrom(...pieces), { maxLength: 12 })
    .chain((words) => fc.constantFrom(words.join(' '), words.join('')));
  const period = fc.constantFrom(undefined, { start: '2017-11-01', end: '2019-03-31' });

  test('never throws, keeps start <= end, and always passes the schema', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, cellish), period, (text, p) => {
        const got = parseFuzzyDate(text, p);
        assert.equal(got.text, text);
        assert.ok(isoOrder(got), `${got.start} > ${got.end}`);
        assert.ok(fuzzyDateSchema.safeParse(got).success);
        describeFuzzyDate(got);
      }),
      { numRuns: 2000 },
    );
  });

  test('"D Month YYYY" round-trips to an exact date', () => {
    const day = fc
      .record({ y: fc.integer({ min: 1950, max: 2150 }), m: fc.integer({ min: 1, max: 12 }) })
      .chain(({ y, m }) =>
        fc.record({
          y: fc.constant(y),
          m: fc.constant(m),
          d: fc.integer({ min: 1, max: daysInMonth(y, m) }),
        }),
      );
    fc.assert(
      fc.property(day, ({ y, m, d }) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const got = parseFuzzyDate(`${d} ${MONTH_NAMES[m - 1] ?? ''} ${y}`);
        assert.equal(got.kind, 'date');
        assert.equal(got.start, iso);
        assert.equal(got.end, iso);
      }),
    );
  });

  test('long and hostile input returns quickly', () => {
    const started = Date.now();
    for (const text of [
      'Jan 2015 '.repeat(50),
      'Jan 2015 '.repeat(20_000),
      '('.repeat(100_000),
      'a'.repeat(1_000_000),
      '\u{1F600}'.repeat(400),
    ]) {
      const got = parseFuzzyDate(text);
      assert.ok(isoOrder(got));
    }
    assert.ok(Date.now() - started < 2000, 'parsing took too long');
  });
});
