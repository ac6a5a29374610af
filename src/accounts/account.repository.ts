import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AppUserTable, PendingForm, SessionTable } from '../db/schema.js';

export type UserRow = Selectable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;

/** All SQL for people and their sessions. */
export class AccountRepository {
  findUserByEmail(trx: Db, email: string): Promise<UserRow | undefined> {
    return trx
      .selectFrom('appUser')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  insertUser(
    trx: Db,
    values: { email: string; name: string; passwordHash: string },
  ): Promise<UserRow> {
    return trx.insertInto('appUser').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listUsers(trx: Db): Promise<UserRow[]> {
    return trx.selectFrom('appUser').selectAll().orderBy('email').execute();
  }

  async insertSession(trx: Db, session: Omit<SessionRow, 'pendingForm'>): Promise<void> {
    await trx.insertInto('session').values(session).execute();
  }

  /** A live session and its active person, in one query (every request asks this). */
  async findLiveSession(
    trx: Db,
    id: string,
    now: string,
  ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const row = await trx
      .selectFrom('session')
      .innerJoin('appUser', 'appUser.id', 'session.userId')
      .selectAll('session')
      .select([
        'appUser.email as uEmail',
        'appUser.name as uName',
        'appUser.passwordHash as uPasswordHash',
        'appUser.active as uActive',
        'appUser.createdAt as uCreatedAt',
      ])
      .where('session.id', '=', id)
      .where('session.expiresAt', '>', now)
      .where('appUser.active', '=', true)
      .executeTakeFirst();
    if (!row) return undefined;
    const { uEmail, uName, uPasswordHash, uActive, uCreatedAt, ...session } = row;
    return {
      session,
      user: {
        id: session.userId,
        email: uEmail,
        name: uName,
        passwordHash: uPasswordHash,
        active: uActive,
        createdAt: uCreatedAt,
      },
    };
  }

  findSession(trx: Db, id: string): Promise<SessionRow | undefined> {
    return trx.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async deleteSession(trx: Db, id: string): Promise<void> {
    await trx.deleteFrom('session').where('id', '=', id).execute();
  }

  async deleteSessionsOfUser(trx: Db, userId: string): Promise<void> {
    await trx.deleteFrom('session').where('userId', '=', userId).execute();
  }

  async setPendingForm(trx: Db, id: string, form: PendingForm | null): Promise<void> {
    await trx
      .updateTable('session')
      .set({ pendingForm: form === null ? null : JSON.stringify(form) })
      .where('id', '=', id)
      .execute();
  }

  async deleteExpiredSessions(trx: Db, now: string): Promise<void> {
    await trx.deleteFrom('session').where('expiresAt', '<', now).execute();
  }
}
