import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildPlanDocument } from '../test-support/factories.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
const files = mkdtempSync(join(tmpdir(), 'g2g-cli-files-'));

before(async () => {
  database = await freshDatabaseEnv();
});
after(() => database.cleanup());

const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args);

function writeJson(name: string, value: unknown): string {
  const path = join(files, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('g2g command line', () => {
  test('deadline prints the due date on the last line', async () => {
    const result = await g2g('deadline', '--received', '2022-04-01');
    assert.equal(result.code, 0);
    assert.equal(result.last, '2022-07-15');
    assert.equal(
      (await g2g('deadline', '--received', '2016-11-28', '--working-days', '70')).last,
      '2017-03-09',
    );
    assert.equal(
      (await g2g('deadline', '--received', '2022-04-01', '--working-days', '20')).last,
      '2022-05-04',
    );
  });

  test('bad options give one clear line and a non-zero exit', async () => {
    const result = await g2g('deadline', '--received', '2022-02-30');
    assert.notEqual(result.code, 0);
    assert.deepEqual(result.err, [
      'g2g: Invalid option: --received: must be a real date written YYYY-MM-DD, not "2022-02-30"',
    ]);
    assert.notEqual((await g2g('deadline')).code, 0);
    assert.notEqual((await g2g('no-such-command')).code, 0);
  });

  test('every command has --help', async () => {
    for (const command of [
      [],
      ['migrate'],
      ['plan'],
      ['plan', 'list'],
      ['plan', 'show'],
      ['plan', 'export'],
      ['plan', 'import'],
      ['plan', 'history'],
      ['plan', 'deadline'],
      ['plan', 'set-status'],
      ['deadline'],
      ['serve'],
    ]) {
      const result = await g2g(...command, '--help');
      assert.equal(result.code, 0, `${command.join(' ')} --help`);
      assert.match(result.out.join('\n'), /Usage: g2g/);
    }
  });

  test('migrate, import, list, show, export round-trip a plan', async () => {
    assert.equal((await g2g('migrate')).code, 0);
    const doc = buildPlanDocument();
    const imported = await g2g('plan', 'import', writeJson('plan.json', doc));
    assert.equal(imported.code, 0, imported.err.join('\n'));
    const id = imported.last;
    assert.match(imported.err.join('\n'), /Importing: \d+ of \d+ items/);

    const list = await g2g('plan', 'list');
    assert.match(list.out.join('\n'), new RegExp(`${id} .*Testshire County Council: Testshire`));

    const show = await g2g('plan', 'show', id);
    assert.match(
      show.out.join('\n'),
      /Statement of action due: 2026-04-01 \(70 working days after the report was received on 2025-12-19\)/,
    );
    assert.match(show.out.join('\n'), /actions: 1 \(Amber 1\)/);
    assert.match(
      show.out.join('\n'),
      /Measure impact: improving 0, worsening 0, no change 0, no data 1; at target 0 of 1/,
    );

    const out = join(files, 'exported.json');
    assert.equal((await g2g('plan', 'export', id, '--out', out)).code, 0);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), doc);
    assert.deepEqual(JSON.parse((await g2g('plan', 'export', id)).out.join('\n')), doc);

    const history = await g2g('plan', 'history', id, '--entity', 'plan');
    assert.match(history.out.join('\n'), /cli tester {2}created plan/);
  });

  test('deadline override is recorded with its reason', async () => {
    const id = (await g2g('plan', 'import', writeJson('plan2.json', buildPlanDocument()))).last;
    const refused = await g2g('plan', 'deadline', id, '--override', '2026-05-01');
    assert.equal(refused.code, 1);
    assert.match(refused.err[0] ?? '', /reason: is required/);
    const set = await g2g(
      'plan',
      'deadline',
      id,
      '--override',
      '2026-05-01',
      '--reason',
      'Extension agreed',
    );
    assert.equal(set.last, '2026-05-01');
    const history = await g2g('plan', 'history', id);
    assert.match(
      history.out.join('\n'),
      /cli tester {2}updated plan \S+: updatedAt, deadlineOverride, deadlineOverrideReason \(Extension agreed\)/,
    );
  });

  test('bad files and unknown ids give one specific line each', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['plan', 'import', join(files, 'missing.json')],
        /^g2g: Cannot read .*missing\.json: ENOENT$/,
      ],
      [
        ['plan', 'import', writeJson('broken.json', '{"format": ')],
        /^g2g: Invalid file: .*broken\.json is not valid JSON/,
      ],
      [
        ['plan', 'import', writeJson('shape.json', { format: 'g2g-plan', formatVersion: 1 })],
        /^g2g: Invalid plan document: organisation: /,
      ],
      [['plan', 'show', 'nope'], /^g2g: There is no plan with the id nope$/],
      [
        ['plan', 'export', '00000000-0000-4000-8000-000000000000'],
        /^g2g: There is no plan with the id/,
      ],
      [
        ['plan', 'show', 'nope', '--as-at', 'yesterday'],
        /^g2g: --as-at must be a date like 2018-04-30/,
      ],
    ];
    for (const [args, expected] of cases) {
      const result = await g2g(...args);
      assert.notEqual(result.code, 0, args.join(' '));
      assert.equal(result.err.length, 1, `${args.join(' ')}: ${result.err.join(' | ')}`);
      assert.match(result.err[0] ?? '', expected);
    }
  });

  test('the installed command reports errors on stderr with a non-zero exit code', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'plan', 'list'],
      {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      },
    );
    assert.equal(result.status, 1);
    assert.match(
      result.stderr.trim(),
      /^g2g: Cannot connect to the PostgreSQL server at 127\.0\.0\.1:1\/none/,
    );
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
});
