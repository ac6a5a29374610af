import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { changedSinceBuild } from './build-check.js';

const root = mkdtempSync(join(tmpdir(), 'g2g-build-check-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A file with a modification time `minutes` from an arbitrary moment. */
function file(path: string, minutes: number): string {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, '');
  const at = new Date(Date.UTC(2026, 0, 5, 9, minutes));
  utimesSync(full, at, at);
  return full;
}

describe('npm start after a change to the sources', () => {
  test('names a source changed since the build, ignoring test files', () => {
    const compiled = file('dist/cli/build-check.js', 10);
    file('src/cli/program.ts', 5);
    file('src/web/views/layout.njk', 9);
    file('src/cli/cli.test.ts', 20);
    assert.equal(changedSinceBuild(compiled), null);
    file('src/web/views/layout.njk', 11);
    assert.equal(changedSinceBuild(compiled), join('src', 'web', 'views', 'layout.njk'));
  });

  test('says nothing when run from the sources, or from a build without them', () => {
    assert.equal(changedSinceBuild(file('src/cli/build-check.ts', 30)), null);
    const installed = file('elsewhere/dist/cli/build-check.js', 0);
    assert.equal(changedSinceBuild(installed), null);
  });
});
