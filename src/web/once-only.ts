import { ConflictError } from '../lib/errors.js';
import { randomText } from '../lib/random-pool.js';

// A form that creates something carries a once-only key, which becomes the new item's id:
// sent twice (a double click, back and send again), it creates the item once.

const ONCE_ONLY_KEY = /^[A-Za-z0-9_-]{12,40}$/;

/** The key the form was sent with, if it is one of ours, or a new one. */
export function onceOnlyKey(sent: unknown): string {
  return typeof sent === 'string' && ONCE_ONLY_KEY.test(sent) ? sent : randomText(9, 'base64url');
}

/** The id is taken already: by this same form sent before, or a twin racing on PostgreSQL. */
export function isDuplicateKey(error: unknown): boolean {
  return (
    error instanceof ConflictError ||
    (typeof error === 'object' && error !== null && 'code' in error && error.code === '23505')
  );
}
