import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordDiff, wordDiffText } from './word-diff.js';

test('words kept, deleted and inserted, deletions first', () => {
  assert.deepEqual(wordDiff('Audit pathway plans', 'Audit every pathway plan'), [
    { text: 'Audit ', kind: 'same' },
    { text: 'every ', kind: 'ins' },
    { text: 'pathway ', kind: 'same' },
    { text: 'plans', kind: 'del' },
    { text: 'plan', kind: 'ins' },
  ]);
  assert.equal(
    wordDiffText(wordDiff('Recruit personal advisers', 'Recruit and keep personal advisers')),
    'Recruit {+and keep+} personal advisers',
  );
  assert.deepEqual(wordDiff('Same words', 'Same words'), [{ text: 'Same words', kind: 'same' }]);
  assert.deepEqual(wordDiff('', 'New'), [{ text: 'New', kind: 'ins' }]);
});
