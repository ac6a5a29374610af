import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { fixedClock } from '../lib/clock.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { chromiumAvailable } from '../test-support/browser.js';
import { runG2g } from '../test-support/cli.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// `g2g report` and `g2g plan diff` against a plan with a history: each format written and
// opened with its own reader, and a one-line reason for each thing a person can get wrong.

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let planId: string;
const files = mkdtempSync(join(tmpdir(), 'g2g-report-'));
const clock = fixedClock('2026-06-15T09:00:00Z');
const period = { start: '2026-01-01', end: '2027-12-31' };

before(async () => {
  database = await freshDatabaseEnv();
  const setup = fixedClock('2026-01-10T09:00:00Z');
  const app = await createAppContext(loadConfig(database.env), { clock: setup });
  try {
    const base = buildPlanDocument();
    const action = (id: string, ref: string, text: string, due: string, status: string) => ({
      ...base.actions[0]!,
      id,
      ref,
      text,
      due: parseFuzzyDate(due, period),
      status,
    });
    planId = await app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('setup'),
        buildPlanDocument({
          boards: [
            { name: 'Improvement Board', cadence: 'Monthly', chair: 'Chief Executive' },
            { name: 'Scrutiny Committee', cadence: 'Quarterly', chair: null },
          ],
          actions: [
            action('a1', '1.1', 'Recruit personal advisers', 'March 2026', 'AMBER'),
            action('a2', '1.2', 'Audit pathway plans', 'April 2026', 'AMBER'),
          ],
          measures: base.measures.map((m) => ({ ...m, actionIds: ['a1'] })),
          costs: base.costs.map((c) => ({ ...c, actionId: 'a1' })),
        }),
      ),
    );
    setup.set('2026-02-15T09:00:00Z');
    await app.transaction((trx) =>
      app.services.updates.add(
        trx,
        app.changeBy('lead'),
        planId,
        {
          actionId: 'a1',
          date: '2026-02-15',
          author: 'Service Manager',
          text: 'Recruitment has stalled.',
          proposedStatus: 'RED',
          evidence: [],
        },
        null,
      ),
    );
    setup.set('2026-03-20T09:00:00Z');
    await app.transaction((trx) =>
      app.services.content.update(trx, app.changeBy('manager'), planId, 'action', 'a2', {
        due: 'September 2026',
        text: 'Audit every pathway plan',
      }),
    );
  } finally {
    await app.close();
  }
});
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await database.cleanup();
});

const g2g = (...args: string[]) =>
  runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args, { clock });
const report = (format: string, out: string, ...more: string[]) =>
  g2g('report', planId, '--as-at', '2026-02-28', '--format', format, '--out', out, ...more);

describe('g2g report', () => {
  test('html: the printable pack as at the day, for the board named', async () => {
    const out = join(files, 'pack.html');
    const result = await report('html', out, '--board', 'scrutiny committee');
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.deepEqual(result.err, [
      `Wrote ${out}: the Scrutiny Committee pack as at 28 February 2026`,
    ]);
    const html = readFileSync(out, 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB"'), 'a page in English');
    const words = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(words, /Scrutiny Committee/);
    assert.match(words, /Board pack as at 28 February 2026/);
    assert.match(words, /Recruitment has stalled\./, 'February’s update');
    assert.doesNotMatch(words, /Audit every pathway plan/, 'March’s rewording is not there yet');
    assert.match(words, /Audit pathway plans/);
  });

  test('the plan’s first board by default; docx, xlsx and csv open with their readers', async () => {
    const docx = join(files, 'pack.docx');
    const made = await report('docx', docx);
    assert.equal(made.code, 0, made.err.join('\n'));
    assert.match(made.err[0] ?? '', /the Improvement Board pack as at 28 February 2026$/);
    const { value: html } = await mammoth.convertToHtml({ buffer: readFileSync(docx) });
    assert.match(html, /<h1>Testshire Children’s Services Improvement Plan \(V1\)<\/h1>/);
    assert.match(html, /<thead>/, 'a header row that repeats');
    assert.match(html, /<td><p>Red<\/p><\/td>/);

    const xlsx = join(files, 'pack.xlsx');
    assert.equal((await report('xlsx', xlsx)).code, 0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const actions = book.getWorksheet('Actions');
    assert.ok(actions, 'an Actions sheet');
    assert.equal(actions.views[0]?.state, 'frozen');
    const rows = actions.getSheetValues().filter(Boolean).length;
    assert.equal(rows, 3, 'the header and two actions');

    const csv = join(files, 'pack.csv');
    assert.equal((await report('csv', csv)).code, 0);
    const records = parse<Record<string, string>>(readFileSync(csv, 'utf8'), {
      columns: true,
      bom: true,
    });
    assert.equal(records.length, 2);
    assert.ok(
      records.some((r) => Object.values(r).includes('Red')),
      'action 1.1 is red on 28 February',
    );

    const measuresCsv = join(files, 'measures.csv');
    assert.equal((await report('measures.csv', measuresCsv)).code, 0);
    const measures = parse<Record<string, string>>(readFileSync(measuresCsv, 'utf8'), {
      columns: true,
    });
    assert.deepEqual(
      measures.map((m) => m.Measure),
      buildPlanDocument().measures.map((m) => m.name),
      'one row a measure',
    );
    assert.ok(
      measures.every((m) => m['Better when']),
      'each says which way is better',
    );
  });

  test('pdf: tagged, with the plan’s words', async () => {
    assert.ok(chromiumAvailable(), 'Chromium is installed');
    const pdf = join(files, 'pack.pdf');
    const result = await report('pdf', pdf);
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Tagged:\s+yes/);
    const words = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    assert.match(words.replace(/\s+/g, ' '), /Recruit personal advisers/);
  });

  test('g2g plan document: the statement of action as Word and PDF', async () => {
    const docx = join(files, 'statement.docx');
    const made = await g2g('plan', 'document', planId, '--format', 'docx', '--out', docx);
    assert.equal(made.code, 0, made.err.join('\n'));
    assert.deepEqual(made.err, [
      `Wrote ${docx}: Testshire Children’s Services Improvement Plan, its statement of action`,
    ]);
    const { value: html } = await mammoth.convertToHtml({ buffer: readFileSync(docx) });
    assert.match(html, /<thead><tr><th><p><strong>Ref<\/strong>/, 'a header row that repeats');
    // The plan now: March's rewording and moved date, as written.
    assert.match(html, /<td><p>1\.2<\/p><\/td><td><p>Audit every pathway plan<\/p><\/td>/);
    assert.match(html, /<td><p>September 2026<\/p><\/td>/);

    assert.ok(chromiumAvailable(), 'Chromium is installed');
    const pdf = join(files, 'statement.pdf');
    assert.equal((await g2g('plan', 'document', planId, '--format', 'pdf', '--out', pdf)).code, 0);
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Tagged:\s+yes/);
    const words = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(words, /Recruit personal advisers/);

    const wrong = await g2g('plan', 'document', planId, '--format', 'odt');
    assert.equal(wrong.code, 2);
    assert.equal(wrong.err.length, 1);
    assert.match(wrong.err[0] ?? '', /^g2g: --format must be one of docx, pdf, not "odt"/);
    const help = await g2g('plan', 'document', '--help');
    assert.match(help.out.join('\n'), /statement of action for Ofsted, as docx or pdf/);
  });

  test('what a person can get wrong: one line each, and nothing written', async () => {
    const out = join(files, 'wrong.html');
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['report', 'no-such-plan', '--as-at', '2026-02-28', '--format', 'html', '--out', out],
        1,
        /^g2g: There is no plan with the id no-such-plan$/,
      ],
      [
        ['report', planId, '--as-at', '28/02/2026', '--format', 'html', '--out', out],
        2,
        /^g2g: --as-at must be a date written YYYY-MM-DD/,
      ],
      [
        ['report', planId, '--as-at', '2026-02-30', '--format', 'html', '--out', out],
        2,
        /^g2g: --as-at 2026-02-30 does not exist: February 2026 has 28 days/,
      ],
      [
        ['report', planId, '--as-at', '2026-02-28', '--format', 'odt', '--out', out],
        2,
        /^g2g: --format must be one of html, pdf, docx, xlsx, csv, measures\.csv, not "odt"/,
      ],
      [
        ['report', planId, '--as-at', '2026-07-01', '--format', 'html', '--out', out],
        1,
        /^g2g: Invalid pack: --as-at: The date must be today \(15 June 2026\) or earlier$/,
      ],
      [
        ['report', planId, '--as-at', '2025-12-01', '--format', 'html', '--out', out],
        1,
        /^g2g: Invalid pack: --as-at: The plan was added on 10 January 2026: enter that date or a later one$/,
      ],
      [
        ['report', planId, '--as-at', '2026-02-28', '--board', 'Cabinet', '--format', 'html'],
        1,
        /^g2g: Invalid pack: --board: This plan has no board called Cabinet: choose one of its boards \(Improvement Board, Scrutiny Committee\)$/,
      ],
      [
        [
          'report',
          planId,
          '--as-at',
          '2026-02-28',
          '--format',
          'csv',
          '--out',
          join(files, 'no', 'such', 'pack.csv'),
        ],
        1,
        /^g2g: Cannot write \S+pack\.csv: its folder does not exist$/,
      ],
      [
        ['report', planId, '--as-at', '2026-02-28', '--format', 'csv', '--out', files],
        1,
        /^g2g: Cannot write \S+: it is a folder, not a file$/,
      ],
    ];
    for (const [args, code, expected] of cases) {
      const result = await g2g(...args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.err.join(' | ')}`);
      assert.equal(result.err.length, 1, result.err.join(' | '));
      assert.match(result.err[0] ?? '', expected);
      assert.doesNotMatch(result.err[0] ?? '', /ENOENT|EISDIR|Invalid input|undefined/);
    }
    assert.equal(existsSync(out), false);
    assert.equal(existsSync(join(files, 'no')), false);
  });
});

describe('g2g plan diff', () => {
  test('what changed between two days, in words', async () => {
    const result = await g2g('plan', 'diff', planId, '--from', '2026-01-31', '--to', '2026-03-31');
    assert.equal(result.code, 0, result.err.join('\n'));
    const text = result.out.join('\n');
    assert.match(text, /^Changes between 31 January 2026 and 31 March 2026: 4$/m);
    assert.match(
      text,
      /^update +Action 1\.1, 15 February 2026, Service Manager: Recruitment has stalled\.$/m,
    );
    assert.match(text, /^status +Action 1\.1: Amber to Red$/m);
    assert.match(text, /^due date +Action 1\.2: April 2026 to September 2026$/m);
    assert.match(
      text,
      /^reworded +Action 1\.2: Audit \{\+every\+\} pathway \[-plans-\] \{\+plan\+\}$/m,
    );
  });

  test('to today by default; nothing changed says so', async () => {
    const result = await g2g('plan', 'diff', planId, '--from', '2026-04-01');
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.deepEqual(result.out, ['Changes between 1 April 2026 and today: none']);
  });

  test('wrong days and plans: one line each', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['plan', 'diff', 'nope', '--from', '2026-02-01'],
        1,
        /^g2g: There is no plan with the id nope$/,
      ],
      [
        ['plan', 'diff', planId, '--from', 'last week'],
        1,
        /^g2g: Invalid comparison: --from: There is no version called last week: give a version’s name or a date written YYYY-MM-DD$/,
      ],
      [['plan', 'diff', planId], 2, /^g2g: --from <version> is required/],
      [
        ['plan', 'diff', planId, '--from', '2026-03-01', '--to', '2026-02-01'],
        1,
        /^g2g: Invalid comparison: --to: The second version or date must be after the first$/,
      ],
      [
        ['plan', 'diff', planId, '--from', '2025-03-01'],
        1,
        /^g2g: Invalid comparison: --from: The plan was added on 10 January 2026: enter that date or a later one$/,
      ],
    ];
    for (const [args, code, expected] of cases) {
      const result = await g2g(...args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.err.join(' | ')}`);
      assert.equal(result.err.length, 1, result.err.join(' | '));
      assert.match(result.err[0] ?? '', expected);
    }
  });
});

describe('plan versions', () => {
  after(() => clock.set('2026-06-15T09:00:00Z'));

  test('approvals freeze named versions; any two compare, words marked', async () => {
    clock.set('2026-01-20T10:00:00Z');
    const first = await g2g(
      'plan',
      'approve',
      planId,
      '--name',
      'Final Draft (V7)',
      '--by',
      'Cabinet',
      '--on',
      '2026-01-20',
    );
    assert.equal(first.code, 0, first.err.join('\n'));
    assert.deepEqual(first.out, [
      'Recorded Final Draft (V7): approved by Cabinet, 20 January 2026',
    ]);
    clock.set('2026-04-01T10:00:00Z');
    const second = await g2g(
      'plan',
      'approve',
      planId,
      '--name',
      'April 2026 update',
      '--by',
      'Lead Member',
      '--on',
      '2026-04-01',
    );
    assert.equal(second.code, 0, second.err.join('\n'));
    clock.set('2026-06-15T09:00:00Z');

    const diff = await g2g(
      'plan',
      'diff',
      planId,
      '--from',
      'final draft (v7)',
      '--to',
      'April 2026 update',
    );
    assert.equal(diff.code, 0, diff.err.join('\n'));
    const text = diff.out.join('\n');
    assert.match(
      text,
      /^Changes between Final Draft \(V7\) \(approved by Cabinet, 20 January 2026\) and April 2026 update \(approved by Lead Member, 1 April 2026\): 4$/m,
    );
    assert.match(text, /^status +Action 1\.1: Amber to Red$/m);
    assert.match(text, /^due date +Action 1\.2: April 2026 to September 2026$/m);
    assert.match(
      text,
      /^reworded +Action 1\.2: Audit \{\+every\+\} pathway \[-plans-\] \{\+plan\+\}$/m,
    );

    const toDay = await g2g(
      'plan',
      'diff',
      planId,
      '--from',
      'Final Draft (V7)',
      '--to',
      '2026-02-28',
    );
    assert.match(toDay.out[0] ?? '', /and 28 February 2026: 2$/, 'a version against a day');
    const toNow = await g2g('plan', 'diff', planId, '--from', 'April 2026 update');
    assert.deepEqual(toNow.out, [
      'Changes between April 2026 update (approved by Lead Member, 1 April 2026) and today: none',
    ]);
  });

  test('an unknown version, a name used twice, a bad day: one line each', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['plan', 'diff', planId, '--from', 'V8'],
        1,
        /^g2g: Invalid comparison: --from: There is no version called V8: give a version’s name \(Final Draft \(V7\), April 2026 update\) or a date written YYYY-MM-DD$/,
      ],
      [
        [
          'plan',
          'approve',
          planId,
          '--name',
          'final draft (V7)',
          '--by',
          'Cabinet',
          '--on',
          '2026-06-01',
        ],
        1,
        /^g2g: Invalid version: --name: This plan already has a version called final draft \(V7\)$/,
      ],
      [
        ['plan', 'approve', planId, '--name', 'V9', '--by', 'Cabinet', '--on', '3 February 2015'],
        2,
        /^g2g: --on must be a date written YYYY-MM-DD/,
      ],
      [
        ['plan', 'approve', 'nope', '--name', 'V9', '--by', 'Cabinet', '--on', '2026-06-01'],
        1,
        /^g2g: There is no plan with the id nope$/,
      ],
    ];
    for (const [args, code, expected] of cases) {
      const result = await g2g(...args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.err.join(' | ')}`);
      assert.equal(result.err.length, 1, result.err.join(' | '));
      assert.match(result.err[0] ?? '', expected);
    }
  });
});
