import { findPersonalData, personalDataMessage } from '../../lib/personal-data.js';
import { ACTUAL, type MISSING_MARKS } from '../measure.schema.js';
import { parsePeriod, periodText } from '../measure-period.js';
import { readValue } from '../measure-value.form.js';
import { type PlanSpan, valueRuleIssues } from '../measure-value.rules.js';
import type { CsvRow, ReadCsv, RowProblem } from './value-csv.js';

// What each row of a values file means for a plan: which measure (its reference or its exact
// name), which period and series, the value or the mark of a suppressed one. Every row's
// problems are found, so the person can mend the file once; a row with none can be saved.

/** A row that can be saved, with what the preview shows of it. */
export interface UploadEntry {
  line: number;
  measureId: string;
  measureName: string;
  series: string;
  period: string;
  periodLabel: string | null;
  value: number | null;
  missing: (typeof MISSING_MARKS)[number] | null;
  provisional: boolean;
  note: string | null;
}

/** The plan's measures and values, as the rows are checked against them. */
export interface RowFacts {
  measures: ReadonlyArray<{ id: string; ref: string | null; name: string; unit: string | null }>;
  /** The series names already used (comparators), so "england" is saved as "England". */
  series: readonly string[];
  span: PlanSpan;
}

export interface CheckedRows {
  entries: UploadEntry[];
  problems: RowProblem[];
}

const YES = ['yes', 'y', 'true', '1', 'provisional'];
const NO = ['', 'no', 'n', 'false', '0', 'final'];
const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The rows that can be saved and every problem, line by line; header problems refuse every row. */
export function checkRows(read: ReadCsv, facts: RowFacts): CheckedRows {
  if (read.headerProblems.length) return { entries: [], problems: read.headerProblems };
  if (read.rows.length === 0) {
    return {
      entries: [],
      problems: [{ line: 2, column: null, message: 'The file has a header but no values' }],
    };
  }
  const problems: RowProblem[] = [];
  const entries: UploadEntry[] = [];
  for (const row of read.rows) {
    const found = checkRow(row, facts);
    if (Array.isArray(found)) problems.push(...found);
    else entries.push(found);
  }
  const firstLine = new Map<string, number>();
  const duplicates = new Set<number>();
  for (const e of entries) {
    const key = `${e.measureId}\n${e.series.toLowerCase()}\n${e.period}`;
    const first = firstLine.get(key);
    if (first === undefined) {
      firstLine.set(key, e.line);
      continue;
    }
    duplicates.add(first).add(e.line);
    problems.push({
      line: e.line,
      column: 'period',
      message: `${periodText(e.period, e.periodLabel)} (${e.series}) for “${e.measureName}” is also on line ${first}: keep one row for each measure, series and period`,
    });
  }
  return {
    entries: entries.filter((e) => !duplicates.has(e.line)),
    problems: problems.sort((a, b) => a.line - b.line),
  };
}

function checkRow(row: CsvRow, facts: RowFacts): UploadEntry | RowProblem[] {
  const { line, cells } = row;
  const problems: RowProblem[] = [];
  const say = (column: string | null, message: string) => problems.push({ line, column, message });
  const measure = findMeasure(cells.measure, facts, say);
  const period = cells.period ? parsePeriod(cells.period) : null;
  if (!cells.period) say('period', 'Enter the period, like April 2015, 2015-04 or Q1 2015/16');
  else if (!period) {
    say(
      'period',
      `“${cells.period}” is not a period: write it like Apr-15, 2015-04, April 2015, Q1 2015/16 or 2015/16`,
    );
  }
  const value = cells.value ? readValue(cells.value) : null;
  if (!cells.value) {
    say('value', 'Enter the value, or x, c, .. or n/a when it is suppressed or not available');
  } else if (!value) {
    say(
      'value',
      `“${cells.value}” is not a number: enter a number like 68 or 68.5, or x, c, .. or n/a when it is suppressed or not available`,
    );
  }
  const provisional = squash(cells.provisional);
  if (!YES.includes(provisional) && !NO.includes(provisional)) {
    say(
      'provisional',
      `“${cells.provisional}” is not yes or no: leave it empty, or write yes or no`,
    );
  }
  if (cells.series.length > 200) say('series', 'The series must be 200 characters or fewer');
  if (cells.note.length > 2000) say('note', 'The note must be 2,000 characters or fewer');
  for (const column of ['note', 'series'] as const) {
    const found = findPersonalData(cells[column]);
    if (found) say(column, `The ${column} cannot be saved. ${personalDataMessage(found)}`);
  }
  if (measure && period && value) {
    for (const issue of valueRuleIssues(measure.unit, facts.span, {
      value: value.value,
      period: period.end,
    })) {
      say(issue.path, issue.message);
    }
  }
  if (problems.length || !measure || !period || !value) return problems;
  return {
    line,
    measureId: measure.id,
    measureName: measure.name,
    series: seriesOf(cells.series, facts.series),
    period: period.end,
    periodLabel: period.label,
    ...value,
    provisional: YES.includes(provisional),
    note: cells.note || null,
  };
}

function findMeasure(
  words: string,
  facts: RowFacts,
  say: (column: string, message: string) => void,
) {
  const wanted = squash(words);
  if (!wanted) {
    say('measure', 'Enter the measure’s reference or its name as the plan has it');
    return null;
  }
  const byRef = facts.measures.filter((m) => m.ref !== null && squash(m.ref) === wanted);
  const matches = byRef.length ? byRef : facts.measures.filter((m) => squash(m.name) === wanted);
  if (matches.length > 1) {
    say('measure', `More than one measure is called “${words}”: use the measure’s full name`);
    return null;
  }
  const [only] = matches;
  if (!only) {
    say(
      'measure',
      `There is no measure “${words}” in this plan: use a measure’s reference or its name exactly as the plan has it`,
    );
    return null;
  }
  return only;
}

function seriesOf(words: string, known: readonly string[]): string {
  const wanted = squash(words);
  if (!wanted || wanted === ACTUAL) return ACTUAL;
  return known.find((s) => squash(s) === wanted) ?? words.trim().replace(/\s+/g, ' ');
}
