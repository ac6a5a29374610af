import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  test('--dry-run --json prints the draft plan and saves nothing', async () => {
    const result = await g2g('import', seed('001'), '--dry-run', '--json');
    assert.equal(result.code, 0, result.err.join('\n'));
    const draft = JSON.parse(result.out.join('\n')) as {
      recommendations: unknown[];
      actions: Array<{ ref: string }>;
      ragScheme: { statuses: Array<{ code: string }> };
    };
    assert.equal(draft.recommendations.length, 19);
    assert.equal(draft.actions.length, 55);
    assert.equal(draft.actions.at(-1)?.ref, '19.2');
    assert.deepEqual(
      draft.ragScheme.statuses.map((s) => s.code),
      ['RED', 'AMBER', 'GREEN', 'GREY', 'BLUE'],
    );
    assert.match(result.err.join('\n'), /Dry run: nothing saved \(19 recommendations, 55 actions/);
    assert.equal(await planCount(), 0);
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
        write('shopping.txt', 'Eggs\tMilk\tBread\nApples\tPears\tPlums\n'),
        /No table has a header row .*It looked for columns named Recommendation, Action.*found were "Eggs", "Milk"/,
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
