import { randomBytes } from 'node:crypto';

/**
 * Cryptographically random bytes drawn from a pool filled 4 KB at a time: one system call for
 * hundreds of request ids or form keys instead of one each (it showed as 5% of a page's time
 * under load). Every byte is handed out once.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

/** `count` random bytes as text in `encoding` ('hex' or 'base64url'). */
export function randomText(count: number, encoding: 'hex' | 'base64url'): string {
  if (used + count > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, count));
    used = 0;
  }
  used += count;
  return pool.toString(encoding, used - count, used);
}
