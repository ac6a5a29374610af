import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildPlanDocument } from '../test-support/factories.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// g2g measure import FILE.csv --plan ID [--dry-run]: the web upload's reading and checks,
// each row's problem printed plainly, nothing saved from a file with problems.

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let planId: string;
const files = mkdtempSync(join(tmpdir(), 'g2g-measure-files-'));
const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args);

function write(name: string, content: string | Uint8Array): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

before(async () => {
  database = await freshDatabaseEnv();
  planId = (await g2g('plan', 'import', write('plan.json', JSON.stringify(buildPlanDocument()))))
    .last;
});
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await database.cleanup();
});

const shown = async () => (await g2g('plan', 'export', planId)).out.join('\n');

describe('g2g measure import', () => {
  test('a dry run checks the file and saves nothing; the run saves; a second run corrects', async () => {
    const file = write(
      'values.csv',
      '\uFEFFmeasure,period,value,provisional\r\nCare leavers with a pathway plan,Apr-26,64,yes\r\nCare leavers with a pathway plan,May 2026,c,\r\n',
    );
    const dry = await g2g('measure', 'import', file, '--plan', planId, '--dry-run');
    assert.equal(dry.code, 0, dry.err.join('\n'));
    assert.equal(dry.last, 'Dry run: nothing saved. 2 rows can be saved, with no problems');
    assert.doesNotMatch(await shown(), /"value": 64/);

    const run = await g2g('measure', 'import', file, '--plan', planId);
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.equal(run.last, 'Saved 2 new values, 0 corrections; 0 unchanged');
    const doc = JSON.parse(await shown()) as {
      measureValues: Array<{
        period: string;
        value: number | null;
        missing: string | null;
        provisional: boolean;
        enteredBy: string;
      }>;
    };
    const april = doc.measureValues.find((v) => v.period === '2026-04-30');
    assert.deepEqual(
      [april?.value, april?.provisional, april?.enteredBy],
      [64, true, 'cli tester'],
    );
    assert.equal(doc.measureValues.find((v) => v.period === '2026-05-31')?.missing, 'c');

    const corrected = write(
      'corrected.csv',
      'measure,period,value\nCare leavers with a pathway plan,2026-04,66\nCare leavers with a pathway plan,May-26,c\n',
    );
    const again = await g2g('measure', 'import', corrected, '--plan', planId);
    assert.equal(again.last, 'Saved 0 new values, 1 correction; 1 unchanged');
  });

  test('each row’s problem is printed with its line and column, nothing is saved, exit 1', async () => {
    const file = write(
      'bad.csv',
      'measure,period,value\nCare leavers with a pathway plan,Jun-26,150\nNo such measure,Jun-26,4\nCare leavers with a pathway plan,Jul-26,70\n',
    );
    const before = await shown();
    for (const dryRun of [['--dry-run'], []]) {
      const result = await g2g('measure', 'import', file, '--plan', planId, ...dryRun);
      assert.equal(result.code, 1);
      assert.deepEqual(result.err, [
        'line 2, column value: A percentage must be between 0 and 100',
        'line 3, column measure: There is no measure “No such measure” in this plan: use a measure’s reference or its name exactly as the plan has it',
        `g2g: ${file} has 2 problems, so nothing was saved (1 row without problems); mend the rows above and run it again`,
      ]);
    }
    assert.equal(await shown(), before);
  });

  test('a missing --plan is wrong usage (exit 2); an unknown plan or unreadable file fails (exit 1)', async () => {
    const file = write(
      'one.csv',
      'measure,period,value\nCare leavers with a pathway plan,Jun-26,70\n',
    );
    const usage = await g2g('measure', 'import', file);
    assert.equal(usage.code, 2);
    assert.match(usage.err.join('\n'), /^g2g: --plan <id> is required \(usage: g2g measure import/);
    const unknown = await g2g(
      'measure',
      'import',
      file,
      '--plan',
      '00000000-0000-4000-8000-000000000000',
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.err.join('\n'), /^g2g: There is no plan with the id/);
    const quotes = await g2g(
      'measure',
      'import',
      write('q.csv', 'measure,period,value\n"x,Jun-26,1\n'),
      '--plan',
      planId,
    );
    assert.equal(quotes.code, 1);
    assert.match(
      quotes.err.join('\n'),
      /could not be read as CSV: check that quotes around cells are closed$/,
    );
    const missing = await g2g('measure', 'import', join(files, 'none.csv'), '--plan', planId);
    assert.equal(missing.code, 1);
    assert.match(missing.err.join('\n'), /there is no such file/);
  });
});
