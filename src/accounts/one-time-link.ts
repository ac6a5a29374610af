import { createHash, randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Db } from '../db/database.js';
import type { UserRow } from './account.repository.js';
import { checkPassword } from './password-policy.js';
import type { TokenKind, UserAdminRepository } from './user-admin.repository.js';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;
/** How long a password-reset link works. */
export const RESET_HOURS = 1;

/** Why a link cannot be used: each gets its own page saying what to do. */
export type LinkProblem = 'invalid' | 'expired' | 'used';

export type LinkCheck = { ok: true; user: UserRow } | { ok: false; problem: LinkProblem };

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** One-time links sent by e-mail: the token goes in the link, only its sha256 is stored. */
export class OneTimeLinks {
  constructor(private readonly repository: UserAdminRepository) {}

  /** A new link token for `userId`, valid for `lifetimeMs` from `now`. */
  async issue(
    trx: Db,
    kind: TokenKind,
    userId: string,
    now: string,
    lifetimeMs: number,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.repository.insertToken(trx, {
      id: tokenId(token),
      kind,
      userId,
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + lifetimeMs).toISOString(),
    });
    return token;
  }

  /** Whether the token is a live, unused link of this kind for an active person. */
  async check(trx: Db, kind: TokenKind, token: string, now: string): Promise<LinkCheck> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, problem: 'invalid' };
    const row = await this.repository.findToken(trx, tokenId(token));
    if (row?.kind !== kind) return { ok: false, problem: 'invalid' };
    if (row.usedAt) return { ok: false, problem: 'used' };
    if (row.expiresAt <= now) return { ok: false, problem: 'expired' };
    const user = await this.repository.findUser(trx, row.userId);
    if (!user?.active) return { ok: false, problem: 'invalid' };
    return { ok: true, user };
  }

  /**
   * Sets the password a person chose through a link (after the policy allows it) and marks
   * every link of theirs used, so that neither this one nor an older one works again.
   */
  async setPassword(trx: Db, user: UserRow, password: string, now: string): Promise<void> {
    checkPassword(password, { email: user.email }, 'password');
    await this.repository.setPasswordHash(trx, user.id, await hash(password));
    await this.repository.useAllTokens(trx, user.id, now);
  }
}
