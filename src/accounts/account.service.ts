import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { ConflictError, ValidationError } from '../lib/errors.js';
import { requiredText } from '../lib/schema-parts.js';
import { validate } from '../lib/validate.js';
import type { AccountRepository, SessionRow, UserRow } from './account.repository.js';

/** How long a session lasts without use. */
export const SESSION_HOURS = 8;

const newUserSchema = z.strictObject({
  email: z.email('must be an email address, like name@council.gov.uk').max(320),
  name: requiredText(200),
  // NCSC guidance: length over complexity.
  password: z.string().min(12, 'must be at least 12 characters').max(256),
});

export interface SignedIn {
  user: UserRow;
  session: SessionRow;
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

/** People, passwords and sessions. */
export class AccountService {
  constructor(private readonly repository: AccountRepository) {}

  /** Adds a person who signs in with e-mail and password. */
  async addUser(trx: Db, input: unknown): Promise<UserRow> {
    const { email, name, password } = validate(newUserSchema, input, 'user');
    if (await this.repository.findUserByEmail(trx, email)) {
      throw new ConflictError(`There is already a user with the email address ${email}`);
    }
    return this.repository.insertUser(trx, { email, name, passwordHash: await hash(password) });
  }

  listUsers(trx: Db): Promise<UserRow[]> {
    return this.repository.listUsers(trx);
  }

  /** Checks an e-mail and password; returns a new session token, or null (never saying which was wrong). */
  async signIn(
    trx: Db,
    email: string,
    password: string,
    now: string,
  ): Promise<{ token: string; user: UserRow } | null> {
    if (!email.trim() || !password) {
      throw new ValidationError(
        [{ path: email.trim() ? 'password' : 'email', message: 'is required' }],
        'sign-in',
      );
    }
    const user = await this.repository.findUserByEmail(trx, email.trim());
    const ok =
      user?.active && user.passwordHash ? await verify(user.passwordHash, password) : false;
    if (!user || !ok) return null;
    await this.repository.deleteExpiredSessions(trx, now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.parse(now) + SESSION_HOURS * 3600_000).toISOString();
    await this.repository.insertSession(trx, {
      id: sessionId(token),
      userId: user.id,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt,
    });
    return { token, user };
  }

  /** The person behind a session cookie, if the session is live. */
  async resolve(trx: Db, token: string | undefined, now: string): Promise<SignedIn | null> {
    if (!token) return null;
    const session = await this.repository.findSession(trx, sessionId(token));
    if (!session || session.expiresAt <= now) return null;
    const user = await this.repository.findUser(trx, session.userId);
    return user?.active ? { user, session } : null;
  }

  async signOut(trx: Db, token: string | undefined): Promise<void> {
    if (token) await this.repository.deleteSession(trx, sessionId(token));
  }
}
