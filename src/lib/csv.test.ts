import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from './csv.js';

test('cells with commas, quotes and line breaks are quoted; empty values stay empty', () => {
  assert.equal(
    toCsv(
      ['a', 'b', 'c'],
      [
        ['x, y', 'say "hi"', null],
        ['line\nbreak', 3, ''],
      ],
    ),
    'a,b,c\r\n"x, y","say ""hi""",\r\n"line\nbreak",3,\r\n',
  );
});

test('text a spreadsheet would run as a formula is kept as text', () => {
  assert.equal(
    toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)']])
      .split('\r\n')
      .slice(1, 5)
      .join('|'),
    `"'=HYPERLINK(""x"")"|'+1|'-2|'@SUM(A1)`,
  );
});
