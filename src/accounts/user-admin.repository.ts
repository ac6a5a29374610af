import type { JSONColumnType, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { OneTimeTokenTable, Role } from '../db/schema.js';
import type { UserRow } from './account.repository.js';

export type TokenRow = Selectable<OneTimeTokenTable>;
export type TokenKind = OneTimeTokenTable['kind'];

/** A role as kept while its holder is deactivated in a council. */
export interface KeptRole {
  role: Role;
  planId: string | null;
  leadNames: string[];
  expiresAt: string | null;
}

interface DeactivatedMemberTable {
  userId: string;
  organisationId: string;
  roles: JSONColumnType<KeptRole[], string, string>;
  deactivatedAt: string;
}

/** The table added by migration 2026-11-27T0400 (typed here, where it is used). */
const withDeactivated = (trx: Db) =>
  trx.withTables<{ deactivatedMember: DeactivatedMemberTable }>();

/** All SQL for invitations, password resets and council membership administration. */
export class UserAdminRepository {
  insertInvitedUser(trx: Db, values: { email: string; name: string }): Promise<UserRow> {
    return trx
      .insertInto('appUser')
      .values({ ...values, passwordHash: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findUser(trx: Db, id: string): Promise<UserRow | undefined> {
    return trx.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
  }

  usersWithoutPassword(trx: Db, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return trx
      .selectFrom('appUser')
      .select('id')
      .where('id', 'in', ids)
      .where('passwordHash', 'is', null)
      .execute();
  }

  async setPasswordHash(trx: Db, userId: string, passwordHash: string): Promise<void> {
    await trx.updateTable('appUser').set({ passwordHash }).where('id', '=', userId).execute();
  }

  async setActive(trx: Db, userId: string, active: boolean): Promise<void> {
    await trx.updateTable('appUser').set({ active }).where('id', '=', userId).execute();
  }

  async insertToken(trx: Db, row: Omit<TokenRow, 'usedAt'>): Promise<void> {
    await trx.insertInto('oneTimeToken').values(row).execute();
  }

  findToken(trx: Db, id: string): Promise<TokenRow | undefined> {
    return trx.selectFrom('oneTimeToken').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks every unused link of a person used (a password was set: older links must not work). */
  async useAllTokens(trx: Db, userId: string, at: string): Promise<void> {
    await trx
      .updateTable('oneTimeToken')
      .set({ usedAt: at })
      .where('userId', '=', userId)
      .where('usedAt', 'is', null)
      .execute();
  }

  /** Every membership of a person in a council, plan-specific ones included. */
  /** A person's memberships in a council; `lock` holds them until the transaction ends. */
  membershipsIn(trx: Db, userId: string, organisationId: string, options: { lock?: boolean } = {}) {
    const query = trx
      .selectFrom('membership')
      .selectAll()
      .where('userId', '=', userId)
      .where('organisationId', '=', organisationId);
    return (options.lock ? query.forUpdate() : query).execute();
  }

  async deleteMembershipsIn(trx: Db, userId: string, organisationId: string): Promise<void> {
    await trx
      .deleteFrom('membership')
      .where('userId', '=', userId)
      .where('organisationId', '=', organisationId)
      .execute();
  }

  /** Active people with a live council-wide administrator role in the council. */
  async administratorIds(trx: Db, organisationId: string, now: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('membership')
      .innerJoin('appUser', 'appUser.id', 'membership.userId')
      .select('membership.userId')
      .where('membership.organisationId', '=', organisationId)
      .where('membership.role', '=', 'administrator')
      .where('membership.planId', 'is', null)
      .where('appUser.active', '=', true)
      .where((eb) =>
        eb.or([eb('membership.expiresAt', 'is', null), eb('membership.expiresAt', '>', now)]),
      )
      .execute();
    return rows.map((r) => r.userId);
  }

  plansOf(trx: Db, organisationId: string) {
    return trx
      .selectFrom('plan')
      .select(['id', 'title', 'versionLabel'])
      .where('organisationId', '=', organisationId)
      .orderBy('title')
      .execute();
  }

  async insertDeactivation(
    trx: Db,
    row: { userId: string; organisationId: string; roles: KeptRole[]; deactivatedAt: string },
  ): Promise<void> {
    await withDeactivated(trx)
      .insertInto('deactivatedMember')
      .values({ ...row, roles: JSON.stringify(row.roles) })
      .onConflict((oc) =>
        oc.columns(['userId', 'organisationId']).doUpdateSet({
          roles: JSON.stringify(row.roles),
          deactivatedAt: row.deactivatedAt,
        }),
      )
      .execute();
  }

  findDeactivation(trx: Db, userId: string, organisationId: string) {
    return withDeactivated(trx)
      .selectFrom('deactivatedMember')
      .selectAll()
      .where('userId', '=', userId)
      .where('organisationId', '=', organisationId)
      .executeTakeFirst();
  }

  async deleteDeactivation(trx: Db, userId: string, organisationId: string): Promise<void> {
    await withDeactivated(trx)
      .deleteFrom('deactivatedMember')
      .where('userId', '=', userId)
      .where('organisationId', '=', organisationId)
      .execute();
  }

  deactivatedIn(trx: Db, organisationId: string) {
    return withDeactivated(trx)
      .selectFrom('deactivatedMember')
      .innerJoin('appUser', 'appUser.id', 'deactivatedMember.userId')
      .select([
        'deactivatedMember.userId',
        'deactivatedMember.deactivatedAt',
        'appUser.email',
        'appUser.name',
        'appUser.active',
        'appUser.passwordHash',
      ])
      .where('deactivatedMember.organisationId', '=', organisationId)
      .orderBy('appUser.name')
      .execute();
  }

  /** Every person with their roles in every council, for the server's administrators. */
  usersWithRoles(trx: Db, organisationId: string | null) {
    let query = trx
      .selectFrom('appUser')
      .leftJoin('membership', 'membership.userId', 'appUser.id')
      .leftJoin('organisation', 'organisation.id', 'membership.organisationId')
      .select([
        'appUser.id',
        'appUser.email',
        'appUser.name',
        'appUser.active',
        'appUser.passwordHash',
        'organisation.slug',
        'membership.role',
        'membership.planId',
        'membership.expiresAt',
      ]);
    if (organisationId) query = query.where('membership.organisationId', '=', organisationId);
    return query.orderBy('appUser.email').orderBy('organisation.slug').execute();
  }

  /** The councils a person belongs to (any role, live or not). */
  councilsOf(trx: Db, userId: string, now: string) {
    return trx
      .selectFrom('organisation')
      .innerJoin('membership', 'membership.organisationId', 'organisation.id')
      .select(['organisation.id', 'organisation.slug', 'organisation.name', 'membership.role'])
      .where('membership.userId', '=', userId)
      .where((eb) =>
        eb.or([eb('membership.expiresAt', 'is', null), eb('membership.expiresAt', '>', now)]),
      )
      .orderBy('organisation.name')
      .execute();
  }
}
