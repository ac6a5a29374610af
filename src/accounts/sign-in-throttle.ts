import type { AccessService } from '../access/access.service.js';
import type { Db } from '../db/database.js';

/** Failures older than this are forgotten. */
export const THROTTLE_WINDOW_MINUTES = 15;

/**
 * When failed sign-ins make us wait before the next try. Three counts, each over the last
 * 15 minutes: one e-mail from one address (someone mistyping, or guessing from one place),
 * one e-mail from anywhere (guessing spread over many addresses), and one address for any
 * e-mail (an office behind one NAT address shares it, so its limit is much higher). Past
 * each limit the wait doubles with every further failure, from 1 minute up to 15, counted
 * from the latest failure; never a fixed lock. An administrator's "let them sign in now"
 * (a sign-in-unlocked event) forgets the e-mail's failures before it.
 */
export const LIMITS = { pair: 5, account: 20, address: 100 } as const;

/** The wait after `n` failures against a limit: none below it, then 1, 2, 4, 8, 15 minutes. */
export function waitMinutes(n: number, limit: number): number {
  if (n < limit) return 0;
  return Math.min(THROTTLE_WINDOW_MINUTES, 2 ** (n - limit));
}

export interface Throttle {
  /** Failed sign-ins as this e-mail (from anywhere) in the window, since any unlock. */
  failures: number;
  /** Minutes (rounded up) until the next try is allowed; 0: now. */
  minutes: number;
  /** When the next try is allowed (ISO), or null. */
  until: string | null;
}

/** How long a sign-in for `email` from `address` must wait, at `now`. */
export async function signInThrottle(
  access: AccessService,
  trx: Db,
  email: string,
  address: string | null,
  now: string,
): Promise<Throttle> {
  const windowStart = new Date(Date.parse(now) - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const unlocked = await access.auditStats(trx, {
    kind: 'sign-in-unlocked',
    since: windowStart,
    email,
  });
  // Failures of this e-mail count only after an administrator last forgot them.
  const after = unlocked.last ?? undefined;
  type Check = [{ email?: string; address?: string; since: string; after?: string }, number];
  const checks: Check[] = [
    [{ email, since: windowStart, after }, LIMITS.account],
    ...(address
      ? ([
          [{ email, address, since: windowStart, after }, LIMITS.pair],
          [{ address, since: windowStart }, LIMITS.address],
        ] as Check[])
      : []),
  ];
  let until: number | null = null;
  let failures = 0;
  for (const [filter, limit] of checks) {
    const { n, last } = await access.auditStats(trx, { kind: 'sign-in-failed', ...filter });
    if (limit === LIMITS.account) failures = n;
    const wait = waitMinutes(n, limit);
    if (!wait || !last) continue;
    const ends = Date.parse(last) + wait * 60_000;
    if (ends > Date.parse(now) && (until === null || ends > until)) until = ends;
  }
  if (until === null) return { failures, minutes: 0, until: null };
  return {
    failures,
    minutes: Math.max(1, Math.ceil((until - Date.parse(now)) / 60_000)),
    until: new Date(until).toISOString(),
  };
}
