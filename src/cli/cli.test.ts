import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await database.cleanup();
});

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

  test('wrong usage is one line starting g2g: with a usage hint, and exit code 2', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['plan', 'list', '--bogus'],
        'g2g: unknown option --bogus (usage: g2g plan list [options]; more with g2g plan list --help)',
      ],
      [
        ['plan', 'show'],
        'g2g: missing ID (usage: g2g plan show [options] <id>; more with g2g plan show --help)',
      ],
      [
        ['plan', 'show', 'one', 'two'],
        'g2g: too many arguments: expected 1, got 2 (usage: g2g plan show [options] <id>; more with g2g plan show --help)',
      ],
      [
        ['plan', 'lis'],
        'g2g: unknown command lis (did you mean list?) (usage: g2g plan [options] [command]; more with g2g plan --help)',
      ],
      [
        ['plan'],
        'g2g: g2g plan needs a command: list, show, export, import, history, deadline, set-status, diff, document, approve (usage: g2g plan [options] [command]; more with g2g plan --help)',
      ],
      [
        ['deadline'],
        'g2g: --received <date> is required (usage: g2g deadline [options]; more with g2g deadline --help)',
      ],
      [
        ['deadline', '--received'],
        'g2g: --received needs a value: --received <date> (usage: g2g deadline [options]; more with g2g deadline --help)',
      ],
      [
        ['deadline', '--received', '2022-04-01', '--working-days', 'ten'],
        'g2g: --working-days must be a number from 1 to 1000, not "ten" (usage: g2g deadline [options]; more with g2g deadline --help)',
      ],
      [
        ['no-such-command'],
        'g2g: unknown command no-such-command (usage: g2g [options] [command]; more with g2g --help)',
      ],
    ];
    for (const [args, line] of cases) {
      const result = await g2g(...args);
      assert.deepEqual(result.err, [line], args.join(' '));
      assert.equal(result.code, 2, args.join(' '));
      assert.deepEqual(result.out, [], args.join(' '));
    }
  });

  test('every date option refuses a date that does not exist, naming the option', async () => {
    const id = (await g2g('plan', 'import', writeJson('dates.json', buildPlanDocument()))).last;
    const cases: Array<[string[], string]> = [
      [['plan', 'show', id, '--as-at', '2026-02-31'], '--as-at 2026-02-31'],
      [['plan', 'show', id, '--as-at', '2026-02-31T12:00:00Z'], '--as-at 2026-02-31'],
      [['plan', 'export', id, '--as-at', '2026-02-31'], '--as-at 2026-02-31'],
      [['deadline', '--received', '2026-02-31'], '--received 2026-02-31'],
      [
        ['plan', 'deadline', id, '--override', '2026-02-31', '--reason', 'Agreed'],
        '--override 2026-02-31',
      ],
    ];
    for (const [args, named] of cases) {
      const result = await g2g(...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.err.length, 1, result.err.join(' | '));
      assert.ok(
        result.err[0]?.startsWith(
          `g2g: ${named} does not exist: February 2026 has 28 days (usage: g2g `,
        ),
        result.err[0],
      );
    }
    assert.match(
      (await g2g('plan', 'show', id, '--as-at', 'yesterday')).err[0] ?? '',
      /^g2g: --as-at must be a date written YYYY-MM-DD \(or a moment like 2018-04-30T17:00:00Z\), not "yesterday" \(usage: /,
    );
    assert.match(
      (await g2g('deadline', '--received', '2026-13-01')).err[0] ?? '',
      /^g2g: --received 2026-13-01 does not exist: there is no month 13 \(usage: /,
    );
    const deadline = await g2g('plan', 'deadline', id);
    assert.equal(deadline.last, '2026-04-01', 'the deadline was not overridden');
    assert.equal((await g2g('deadline', '--received', '2024-02-29')).code, 0, 'a leap day exists');
  });

  test('every command has --help', async () => {
    // Follows the commands each help page lists, so a new command is covered without a change here.
    const seen: string[] = [];
    const walk = async (path: string[]): Promise<void> => {
      const result = await g2g(...path, '--help');
      const name = ['g2g', ...path].join(' ');
      assert.equal(result.code, 0, `${name} --help`);
      assert.deepEqual(result.err, [], `${name} --help`);
      const text = result.out.join('\n');
      assert.ok(text.startsWith(`Usage: ${name} `), `${name} --help: ${text.slice(0, 80)}`);
      seen.push(path.join(' '));
      const commands = /\nCommands:\n([\s\S]*?)(?:\n\n|$)/.exec(text)?.[1] ?? '';
      for (const line of commands.split('\n')) {
        const sub = /^ {2}(\S+)/.exec(line)?.[1];
        if (sub && sub !== 'help') await walk([...path, sub]);
      }
    };
    await walk([]);
    for (const command of [
      'migrate',
      'plan list',
      'plan show',
      'plan export',
      'plan import',
      'plan history',
      'plan deadline',
      'plan set-status',
      'import',
      'deadline',
      'serve',
      'council add',
      'council list',
      'council set-sso',
      'council disable-sso',
      'user add',
      'user list',
      'user set-role',
      'user deactivate',
      'user reactivate',
    ])
      assert.ok(
        seen.includes(command),
        `g2g ${command} --help was not reached: ${seen.join(', ')}`,
      );
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
    assert.deepEqual(refused.err, [
      'g2g: Invalid deadline override: --reason: is required when the deadline is overridden',
    ]);
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

  test('a failure is one line in plain words, and exit code 1', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['plan', 'import', join(files, 'missing.json')],
        /^g2g: Cannot read \S*missing\.json: there is no such file$/,
      ],
      [['plan', 'import', files], /^g2g: Cannot read \S+: it is a folder, not a file$/],
      [
        ['plan', 'import', writeJson('broken.json', '{"format": ')],
        /^g2g: \S*broken\.json is not valid JSON: /,
      ],
      [
        ['plan', 'import', writeJson('shape.json', { format: 'g2g-plan', formatVersion: 1 })],
        /^g2g: \S*shape\.json is not a plan interchange document g2g can import: organisation is missing \(and \d+ more problems\)$/,
      ],
      [
        ['plan', 'import', writeJson('action.json', { ...buildPlanDocument(), actions: [{}] })],
        /^g2g: \S*action\.json is not a plan interchange document g2g can import: actions\.0\.id is missing \(and \d+ more problems\)$/,
      ],
      [['plan', 'show', 'nope'], /^g2g: There is no plan with the id nope$/],
      [
        ['plan', 'export', '00000000-0000-4000-8000-000000000000'],
        /^g2g: There is no plan with the id/,
      ],
      [
        ['import', join(files, 'missing.docx')],
        /^g2g: Cannot read \S*missing\.docx: there is no such file$/,
      ],
    ];
    for (const [args, expected] of cases) {
      const result = await g2g(...args);
      assert.equal(result.code, 1, args.join(' '));
      const errors = result.err.filter((l) => l.startsWith('g2g: '));
      assert.equal(errors.length, 1, `${args.join(' ')}: ${result.err.join(' | ')}`);
      assert.match(errors[0] ?? '', expected);
      assert.ok((errors[0] ?? '').length < 200, `brief: ${errors[0]}`);
      assert.doesNotMatch(errors[0] ?? '', /ENOENT|EISDIR|Invalid input/);
    }
    const id = (await g2g('plan', 'import', writeJson('out.json', buildPlanDocument()))).last;
    const out = join(files, 'no', 'such', 'x.json');
    const unwritable = await g2g('plan', 'export', id, '--out', out);
    assert.equal(unwritable.code, 1);
    assert.deepEqual(unwritable.err, [`g2g: Cannot write ${out}: its folder does not exist`]);
    assert.equal(existsSync(join(files, 'no')), false);
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
