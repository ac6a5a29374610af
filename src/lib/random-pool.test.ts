import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onceOnlyKey } from '../web/once-only.js';
import { randomText } from './random-pool.js';

test('form keys and request ids drawn from the pool are never the same twice, across refills', () => {
  const keys = new Set<string>();
  // 9 bytes a key: 3,000 keys use the 4 KB pool several times over.
  for (let i = 0; i < 3000; i++) keys.add(onceOnlyKey(undefined));
  assert.equal(keys.size, 3000);
  for (const key of keys) assert.match(key, /^[A-Za-z0-9_-]{12}$/);
  const ids = new Set(Array.from({ length: 3000 }, () => randomText(5, 'hex')));
  assert.equal(ids.size, 3000);
  for (const id of ids) assert.match(id, /^[0-9a-f]{10}$/);
});
