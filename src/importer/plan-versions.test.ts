import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextVersionLabel } from './plan-versions.js';

describe('the version label of a plan imported again', () => {
  const labels = (...ls: Array<string | null>) => ls.map((versionLabel) => ({ versionLabel }));

  it('counts the plans of the same title, and never reuses a version number', () => {
    assert.equal(nextVersionLabel(labels(null), null), 'Version 2');
    assert.equal(nextVersionLabel(labels(null, 'Version 2'), null), 'Version 3');
    assert.equal(nextVersionLabel(labels('version 4'), null), 'Version 5');
  });

  it('keeps the document’s own label after the number, unless it is a version number', () => {
    assert.equal(
      nextVersionLabel(labels('Final Draft (V7)'), 'Final Draft (V7)'),
      'Version 2 – Final Draft (V7)',
    );
    assert.equal(nextVersionLabel(labels(null), 'Version 1'), 'Version 2');
    assert.equal(nextVersionLabel(labels(null), 'x'.repeat(300)).length, 200);
  });
});
