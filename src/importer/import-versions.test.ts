import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// g2g import of a plan the council already has (same title, whatever the case): refused in
// one line, saving nothing, unless --as-new-version, which saves it as the next version.

const files = mkdtempSync(join(tmpdir(), 'g2g-import-versions-'));
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
before(async () => {
  database = await freshDatabaseEnv();
});
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await database.cleanup();
});

const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'versions test' }, args);

function planFile(name: string, title: string): string {
  const path = join(files, name);
  const table = [
    ['Ref', 'Action', 'Lead', 'Due date', 'RAG', 'Progress update'],
    ['1.1', 'Recruit two social workers', 'Ann James', 'Jul 2026', 'Red', 'No applicants'],
  ];
  writeFileSync(
    path,
    `Northshire County Council\n\n${title}\n\n${table.map((r) => r.join('\t')).join('\n')}\n`,
  );
  return path;
}

const plans = async () => (await g2g('plan', 'list')).out.filter((l) => /^[0-9a-f-]{36} /.test(l));
const exported = async (id: string) =>
  JSON.parse((await g2g('plan', 'export', id)).out.join('\n')) as {
    plan: { title: string; versionLabel: string | null };
    actions: Array<{ status: string | null }>;
  };

describe('g2g import of a plan the council already has', () => {
  test('refuses in one line and saves nothing, unless --as-new-version', async () => {
    const first = await g2g('import', planFile('plan.txt', 'Northshire Improvement Plan May 2026'));
    assert.equal(first.code, 0, first.err.join('\n'));
    const firstPlan = await exported(first.last);
    assert.equal(firstPlan.plan.versionLabel, null);
    assert.deepEqual(
      firstPlan.actions.map((a) => a.status),
      ['RED'],
    );

    const copy = planFile('copy.txt', '  NORTHSHIRE improvement plan may 2026 ');
    const dry = await g2g('import', copy, '--dry-run');
    assert.equal(dry.code, 0, dry.err.join('\n'));
    // A dry run never opens the database, so it cannot know of the plan already saved: it
    // says when that is checked, and the import without --dry-run refuses below.
    assert.match(
      dry.err.join('\n'),
      /^Dry run: nothing saved \(.*\); whether Northshire County Council already has a plan of this title is checked when it is saved$/m,
    );

    const refused = await g2g('import', copy);
    assert.equal(refused.code, 1);
    const errors = refused.err.filter((l) => l.startsWith('g2g: '));
    assert.deepEqual(errors, [
      'g2g: Northshire County Council already has a plan called "NORTHSHIRE improvement plan may 2026", so nothing was saved; add --as-new-version to import it as "Version 2"',
    ]);
    assert.equal((await plans()).length, 1);

    const saved = await g2g('import', copy, '--as-new-version');
    assert.equal(saved.code, 0, saved.err.join('\n'));
    assert.equal((await plans()).length, 2);
    const second = await exported(saved.last);
    assert.equal(second.plan.versionLabel, 'Version 2');
    assert.equal(second.plan.title, 'NORTHSHIRE improvement plan may 2026');

    // Another council's plan of the same title is no duplicate.
    const other = join(files, 'other.txt');
    writeFileSync(
      other,
      `Southshire County Council\n\nNorthshire Improvement Plan May 2026\n\nRef\tAction\tLead\n1.1\tAudit cases\tBev Coles\n`,
    );
    const elsewhere = await g2g('import', other);
    assert.equal(elsewhere.code, 0, elsewhere.err.join('\n'));
    assert.equal((await exported(elsewhere.last)).plan.versionLabel, null);
  });
});
