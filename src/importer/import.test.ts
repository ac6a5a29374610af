import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// The importer end to end, as a person runs it: g2g import on the seed texts and on bad files.

const seed = (n: string) =>
  fileURLToPath(new URL(`./interpret/fixtures/seed-${n}.txt`, import.meta.url));
const files = mkdtempSync(join(tmpdir(), 'g2g-import-test-'));
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
before(async () => {
  database = await freshDatabaseEnv();
});
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await database.cleanup();
});

const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'importer test' }, args);
const planCount = async () =>
  (await g2g('plan', 'list')).out.filter((l) => /^[0-9a-f-]{36} /.test(l)).length;

describe('g2g import', () => {
  test('--dry-run never opens or creates a database: no data folder is left behind', async () => {
    const folder = join(files, 'no-database-here');
    const result = await runG2g({ G2G_DATA_DIR: folder, G2G_ACTOR: 'importer test' }, [
      'import',
      seed('000'),
      '--dry-run',
    ]);
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.match(result.err.join('\n'), /Dry run: nothing saved/);
    assert.equal(existsSync(folder), false, 'the dry run made a data folder');
  });

  test('--dry-run --json prints the draft plan and its warnings, and saves nothing', async () => {
    const result = await g2g('import', seed('001'), '--dry-run', '--json');
    assert.equal(result.code, 0, result.err.join('\n'));
    const printed = JSON.parse(result.out.join('\n')) as {
      document: {
        recommendations: Array<{ ref: string; due: unknown }>;
        actions: Array<{ ref: string }>;
        ragScheme: { statuses: Array<{ code: string }> };
      };
      warnings: unknown[];
      warningGroups: unknown[];
    };
    const draft = printed.document;
    assert.equal(draft.recommendations.length, 19);
    assert.equal(draft.actions.length, 55);
    assert.equal(draft.actions.at(-1)?.ref, '19.2');
    assert.deepEqual(
      draft.ragScheme.statuses.map((s) => s.code),
      ['RED', 'AMBER', 'GREEN', 'GREY', 'BLUE'],
    );
    // Beside each date as written, what it was understood as, as ISO dates.
    const due = draft.recommendations[0]?.due as Record<string, unknown>;
    assert.deepEqual(
      [due.text, due.kind, due.start, due.end],
      ['Jul 2016', 'month', '2016-07-01', '2016-07-31'],
    );
    assert.deepEqual(printed.warnings.length, 4);
    const first = printed.warnings[0] as { concerns: { kind: string; id: string } };
    assert.deepEqual(printed.warnings[0], {
      kind: 'date-assumed',
      message:
        'The cell held several dates (31 January 2015, 30 April 2015); the last, 30 April 2015, is used as the due date.',
      concerns: { kind: 'action', id: first.concerns.id },
      text: 'Jan 2015 Apr 2015',
      where: { line: 267, table: 6 },
    });
    assert.ok(draft.actions.some((a) => (a as { id?: string }).id === first.concerns.id));
    assert.deepEqual(printed.warningGroups, [
      {
        kind: 'date-assumed',
        count: 4,
        title: '4 due dates read with an assumption',
        assumed: 'Each says which date was used.',
      },
    ]);
    assert.match(result.err.join('\n'), /Dry run: nothing saved \(19 recommendations, 55 actions/);
    assert.equal(await planCount(), 0);
    // The document is the interchange format: `g2g plan import` takes it as it is.
    const file = join(files, 'draft.json');
    writeFileSync(file, JSON.stringify(draft));
    const imported = await g2g('plan', 'import', file);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    const saved = JSON.parse((await g2g('plan', 'export', imported.last)).out.join('\n')) as {
      recommendations: Array<{ due: { text: string; end: string } }>;
    };
    assert.deepEqual(
      [saved.recommendations[0]?.due.text, saved.recommendations[0]?.due.end],
      ['Jul 2016', '2016-07-31'],
    );
  });

  test('warnings are printed grouped by kind with counts and what was assumed', async () => {
    const result = await g2g('import', seed('000'), '--dry-run', '--json');
    assert.equal(result.code, 0, result.err.join('\n'));
    const printed = JSON.parse(result.out.join('\n')) as {
      document: { actions: Array<{ recommendationId: string; text: string }> };
      warnings: Array<{ kind: string; message: string; concerns: { kind: string; id: string } }>;
    };
    const lists = printed.warnings.filter((w) => w.kind === 'lists-unpaired');
    // One warning per recommendation whose lists do not pair, naming each of its actions.
    assert.equal(new Set(lists.map((w) => w.concerns.id)).size, lists.length);
    for (const w of lists) {
      assert.equal(w.concerns.kind, 'recommendation');
      const actions = printed.document.actions.filter((a) => a.recommendationId === w.concerns.id);
      assert.ok(actions.length > 1);
      for (const a of actions) assert.ok(w.message.includes(a.text.slice(0, 30)), a.text);
    }
    const err = result.err.join('\n');
    assert.match(
      err,
      new RegExp(
        `^warnings: ${lists.length} recommendations whose lists of actions, leads and dates do not pair\\. Each of its actions was given all the row's leads`,
        'm',
      ),
    );
    // The group's heading comes once, before its warnings.
    assert.equal(err.match(/^warnings: \d+ recommendations whose lists/gm)?.length, 1);
  });

  test('without --dry-run the draft is saved as a draft plan, with its warnings shown', async () => {
    const result = await g2g('import', seed('002'));
    assert.equal(result.code, 0, result.err.join('\n'));
    const id = result.out.at(-1) ?? '';
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.match(result.err.join('\n'), /Saving: \d+ of \d+ items/);
    assert.match(result.err.join('\n'), /^warning: table \d+, line \d+: /m);
    const doc = JSON.parse((await g2g('plan', 'export', id)).out.join('\n')) as {
      plan: { status: string };
      themes: Array<{ kind: string }>;
      recommendations: unknown[];
    };
    assert.equal(doc.plan.status, 'draft');
    assert.equal(doc.themes.filter((t) => t.kind === 'workstream').length, 5);
    assert.equal(doc.recommendations.length, 17);
    assert.match(
      (await g2g('plan', 'history', id)).out.join('\n'),
      /importer test {2}created action/,
    );
  });

  test('bad files are refused with one specific line and nothing is written', async () => {
    const before = await planCount();
    const write = (name: string, content: string | Buffer) => {
      const path = join(files, name);
      writeFileSync(path, content);
      return path;
    };
    const cases: Array<[string, RegExp]> = [
      [write('empty.docx', ''), /empty/i],
      [
        write('report.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj'),
        /PDF files cannot be read reliably: please upload the Word or Excel original/,
      ],
      [
        write('noise.xlsx', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9])),
        /does not look like a Word, Excel, CSV, HTML or text file/,
      ],
      [
        write('shopping.txt', 'Eggs\tMilk\tBread\nApples\tPears\tPlums\n\nName\tAge\nAnn\t3\n'),
        /^g2g: Found 2 tables but none with a recommendation or action column: .*It looked for columns named Recommendation, Action.*found were "Eggs", "Milk".* To import it, give the table of recommendations and actions a header row naming its columns/,
      ],
      [
        write('report.txt', 'Annual report\n\nThe year went well.\nTurnover fell.\n'),
        /^g2g: Found no tables, only 3 paragraphs of text, and no recommendation or action in them\. .*To import it/,
      ],
      [join(files, 'missing.docx'), /^g2g: Cannot read \S*missing\.docx: there is no such file$/],
    ];
    for (const [path, expected] of cases) {
      const result = await g2g('import', path);
      assert.equal(result.code, 1, path);
      const errors = result.err.filter((l) => l.startsWith('g2g: '));
      assert.equal(errors.length, 1, result.err.join('\n'));
      assert.match(errors[0] ?? '', expected);
    }
    assert.equal(await planCount(), before);
  });
});
