import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { PendingForm } from '../db/schema.js';
import { ConflictError, ValidationError } from '../lib/errors.js';
import { requiredText } from '../lib/schema-parts.js';
import { validate } from '../lib/validate.js';
import { checkPassword } from './password-policy.js';
import { signInThrottle } from './sign-in-throttle.js';
import type { AccessService } from '../access/access.service.js';
import type { AccountRepository, SessionRow, UserRow } from './account.repository.js';

/** How long a session lasts. */
export const SESSION_HOURS = 8;

export type SignInResult =
  | { outcome: 'signed-in'; token: string; user: UserRow }
  | { outcome: 'wrong' }
  | { outcome: 'throttled'; minutes: number };

let standIn: Promise<string> | undefined;
/** A hash of a random password, made once, with the same settings as real ones. */
function standInHash(): Promise<string> {
  standIn ??= hash(randomBytes(24).toString('base64url'));
  return standIn;
}

const newUserSchema = z.strictObject({
  email: z.email('must be an email address, like name@council.gov.uk').max(320),
  name: requiredText(200),
  // NCSC guidance: length over complexity.
  // Checked by the NCSC password policy (password-policy.ts): length over complexity.
  password: z.string(),
});

export interface SignedIn {
  user: UserRow;
  session: SessionRow;
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

/** People, passwords and sessions. */
export class AccountService {
  constructor(
    private readonly repository: AccountRepository,
    private readonly access: AccessService,
  ) {}

  /** Adds a person who signs in with e-mail and password. */
  async addUser(trx: Db, input: unknown): Promise<UserRow> {
    const { email, name, password } = validate(newUserSchema, input, 'user');
    checkPassword(password, { email });
    if (await this.repository.findUserByEmail(trx, email)) {
      throw new ConflictError(`There is already a user with the email address ${email}`);
    }
    return this.repository.insertUser(trx, { email, name, passwordHash: await hash(password) });
  }

  findUserByEmail(trx: Db, email: string): Promise<UserRow | undefined> {
    return this.repository.findUserByEmail(trx, email.trim());
  }

  listUsers(trx: Db): Promise<UserRow[]> {
    return this.repository.listUsers(trx);
  }

  /**
   * Checks an e-mail and password; on success starts a new session (never reusing one the
   * browser brought: no session fixation). Never says which of the two was wrong. Failures
   * are audited, and too many for one account or one address refuse further tries for a while.
   */
  async signIn(
    trx: Db,
    input: { email: string; password: string; address: string | null },
    now: string,
  ): Promise<SignInResult> {
    const email = input.email.trim();
    const { password, address } = input;
    if (!email || !password) {
      throw new ValidationError(
        [{ path: email ? 'password' : 'email', message: 'is required' }],
        'sign-in',
      );
    }
    const throttle = await signInThrottle(this.access, trx, email, address, now);
    if (throttle.minutes > 0) {
      await this.access.audit(trx, now, { kind: 'sign-in-throttled', email, address });
      return { outcome: 'throttled', minutes: throttle.minutes };
    }
    const user = await this.repository.findUserByEmail(trx, email);
    // The password is checked against a hash even when there is no account to check it
    // against, so the time a wrong answer takes does not tell whether the e-mail is known.
    const usable = user?.active && user.passwordHash ? user.passwordHash : null;
    const matches = await verify(usable ?? (await standInHash()), password);
    const ok = usable !== null && matches;
    if (!user || !ok) {
      await this.access.audit(trx, now, {
        kind: 'sign-in-failed',
        userId: user?.id ?? null,
        email,
        address,
      });
      return { outcome: 'wrong' };
    }
    const token = await this.startSession(trx, user.id, now);
    await this.access.audit(trx, now, {
      kind: 'sign-in',
      userId: user.id,
      email,
      address,
      detail: { method: 'password' },
    });
    return { outcome: 'signed-in', token, user };
  }

  /** A new session for someone already proven to be `userId` (password or single sign-on). */
  async startSession(trx: Db, userId: string, now: string): Promise<string> {
    await this.repository.deleteExpiredSessions(trx, now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.parse(now) + SESSION_HOURS * 3600_000).toISOString();
    await this.repository.insertSession(trx, {
      id: sessionId(token),
      userId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt,
    });
    return token;
  }

  /** Keeps a form that arrived after its session ended, for the form to show after sign-in. */
  async keepPendingForm(trx: Db, token: string, form: PendingForm): Promise<void> {
    await this.repository.setPendingForm(trx, sessionId(token), form);
  }

  /** The kept form for this page, if any, removed as it is handed back. */
  async takePendingForm(trx: Db, session: SessionRow, path: string): Promise<PendingForm | null> {
    if (session.pendingForm?.path !== path) return null;
    await this.repository.setPendingForm(trx, session.id, null);
    return session.pendingForm;
  }

  /** Ends every session of a person (sign out everywhere; also on deactivation). */
  async signOutEverywhere(trx: Db, userId: string): Promise<void> {
    await this.repository.deleteSessionsOfUser(trx, userId);
  }

  /** The person behind a session cookie, if the session is live. */
  async resolve(trx: Db, token: string | undefined, now: string): Promise<SignedIn | null> {
    if (!token) return null;
    return (await this.repository.findLiveSession(trx, sessionId(token), now)) ?? null;
  }

  async signOut(trx: Db, token: string | undefined): Promise<void> {
    if (token) await this.repository.deleteSession(trx, sessionId(token));
  }
}
