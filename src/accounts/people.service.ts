import { checkRoleVersion } from './role-version.js';
import { signInThrottle } from './sign-in-throttle.js';
import { z } from 'zod';
import type { AccessService } from '../access/access.service.js';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { validate } from '../lib/validate.js';
import type { AccountService } from './account.service.js';
import type { KeptRole, UserAdminRepository } from './user-admin.repository.js';

/** The roles an administrator can change a person to (an adviser is invited to chosen plans). */
export const COUNCIL_WIDE_ROLES: Role[] = [
  'administrator',
  'plan-manager',
  'action-lead',
  'viewer',
];

const changeRoleSchema = z.strictObject({
  role: z.enum(COUNCIL_WIDE_ROLES as [Role, ...Role[]], { error: 'Select a role' }),
  leadNames: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Council {
  id: string;
  name: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  /** False when the account is turned off on the whole server (g2g user deactivate). */
  active: boolean;
  /** Invited and has not yet chosen a password. */
  invited: boolean;
  roles: Array<KeptRole & { planTitle: string | null }>;
}

export interface DeactivatedMember extends Omit<Member, 'roles'> {
  deactivatedAt: string;
}

export type Actor = { userId: string | null; at: string };

/**
 * A council's people, as its administrators manage them. Deactivating someone in a council
 * removes their roles there (kept aside, to give back on reactivation) and ends their sessions;
 * turning an account off on the whole server (`g2g user deactivate`) is a separate, server-wide
 * switch (app_user.active).
 */
export class PeopleService {
  constructor(
    private readonly repository: UserAdminRepository,
    private readonly accounts: AccountService,
    private readonly access: AccessService,
  ) {}

  /** The council's members with their roles, and the people deactivated in it. */
  async people(
    trx: Db,
    organisationId: string,
  ): Promise<{ members: Member[]; deactivated: DeactivatedMember[] }> {
    const plans = new Map(
      (await this.repository.plansOf(trx, organisationId)).map((p) => [p.id, p.title]),
    );
    const members = new Map<string, Member>();
    for (const row of await this.access.members(trx, organisationId)) {
      const member = members.get(row.userId) ?? {
        userId: row.userId,
        name: row.name,
        email: row.email,
        active: row.active,
        invited: false,
        roles: [],
      };
      member.roles.push({
        role: row.role,
        planId: row.planId,
        planTitle: row.planId ? (plans.get(row.planId) ?? null) : null,
        leadNames: row.leadNames,
        expiresAt: row.expiresAt,
      });
      members.set(row.userId, member);
    }
    const invited = new Set(
      (await this.repository.usersWithoutPassword(trx, [...members.keys()])).map((u) => u.id),
    );
    for (const member of members.values()) member.invited = invited.has(member.userId);
    const deactivated = (await this.repository.deactivatedIn(trx, organisationId)).map((d) => ({
      userId: d.userId,
      name: d.name,
      email: d.email,
      active: d.active,
      invited: d.passwordHash === null,
      deactivatedAt: d.deactivatedAt,
    }));
    return { members: [...members.values()], deactivated };
  }

  /** Plans of the council, for choosing an adviser's plan. */
  plans(trx: Db, organisationId: string) {
    return this.repository.plansOf(trx, organisationId);
  }

  /** Replaces the person's council-wide role. */
  async changeRole(
    trx: Db,
    by: Actor,
    council: Council,
    userId: string,
    input: unknown,
    /** The version of the person's role the form read (roleVersion): a later change refuses it. */
    options: { version?: string } = {},
  ) {
    const value = validate(changeRoleSchema, input, 'role');
    const user = await this.memberOf(trx, council, userId);
    const roles = await this.repository.membershipsIn(trx, userId, council.id, { lock: true });
    checkRoleVersion(roles, options.version);
    if (value.role !== 'administrator') await this.keepAnAdministrator(trx, by, council, user);
    await this.access.setRole(trx, by, userId, council.id, value);
  }

  /** Removes the person's roles in the council (kept for reactivation) and ends their sessions. */
  async deactivate(trx: Db, by: Actor, council: Council, userId: string): Promise<void> {
    const user = await this.memberOf(trx, council, userId);
    await this.keepAnAdministrator(trx, by, council, user);
    const roles: KeptRole[] = (await this.repository.membershipsIn(trx, userId, council.id)).map(
      (m) => ({ role: m.role, planId: m.planId, leadNames: m.leadNames, expiresAt: m.expiresAt }),
    );
    await this.repository.deleteMembershipsIn(trx, userId, council.id);
    await this.repository.insertDeactivation(trx, {
      userId,
      organisationId: council.id,
      roles,
      deactivatedAt: by.at,
    });
    await this.accounts.signOutEverywhere(trx, userId);
    await this.access.audit(trx, by.at, {
      kind: 'user-deactivated',
      userId: by.userId,
      email: user.email,
      organisationId: council.id,
      detail: { subject: userId, roles: roles.map((r) => r.role) },
    });
  }

  /** Failed sign-ins as this person in the last 15 minutes, and until when they must wait. */
  async signInLock(
    trx: Db,
    council: Council,
    userId: string,
    now: string,
  ): Promise<{ failures: number; until: string | null }> {
    const user = await this.memberOf(trx, council, userId);
    const { failures, until } = await signInThrottle(this.access, trx, user.email, null, now);
    return { failures, until };
  }

  /** Forgets this person's failed sign-ins, so they (and only they) may try again now. */
  async unlockSignIn(trx: Db, by: Actor, council: Council, userId: string): Promise<void> {
    const user = await this.memberOf(trx, council, userId);
    await this.access.audit(trx, by.at, {
      kind: 'sign-in-unlocked',
      userId: by.userId,
      email: user.email,
      organisationId: council.id,
      detail: { subject: userId },
    });
  }

  /** Gives a deactivated person back the roles they had (those that have not expired meanwhile). */
  async reactivate(trx: Db, by: Actor, council: Council, userId: string): Promise<void> {
    const known = UUID.test(userId);
    const kept = known ? await this.repository.findDeactivation(trx, userId, council.id) : null;
    const user = known ? await this.repository.findUser(trx, userId) : undefined;
    if (!kept || !user) throw new NotFoundError('That person is not deactivated in this council');
    const plans = new Set((await this.repository.plansOf(trx, council.id)).map((p) => p.id));
    for (const role of kept.roles) {
      if (role.expiresAt && role.expiresAt <= by.at) continue;
      if (role.planId && !plans.has(role.planId)) continue;
      await this.access.grant(trx, by, userId, council.id, role);
    }
    await this.repository.deleteDeactivation(trx, userId, council.id);
    await this.access.audit(trx, by.at, {
      kind: 'user-reactivated',
      userId: by.userId,
      email: user.email,
      organisationId: council.id,
      detail: { subject: userId },
    });
  }

  /** Turns an account off on the whole server: no sign-in, no sessions, no working links. */
  async setActiveOnServer(trx: Db, by: Actor & { label: string }, email: string, active: boolean) {
    const user = await this.accounts.findUserByEmail(trx, email);
    if (!user) throw new NotFoundError(`There is no user with the email address ${email}`);
    await this.repository.setActive(trx, user.id, active);
    if (!active) {
      await this.accounts.signOutEverywhere(trx, user.id);
      await this.repository.useAllTokens(trx, user.id, by.at);
    }
    await this.access.audit(trx, by.at, {
      kind: active ? 'user-reactivated' : 'user-deactivated',
      userId: by.userId,
      email: user.email,
      detail: { subject: user.id, scope: 'server', by: by.label },
    });
    return user;
  }

  /** Everyone on the server (or in one council) with their roles, for the command line. */
  usersWithRoles(trx: Db, organisationId: string | null) {
    return this.repository.usersWithRoles(trx, organisationId);
  }

  /** The councils a person is a member of, with their live roles. */
  councilsOf(trx: Db, userId: string, now: string) {
    return this.repository.councilsOf(trx, userId, now);
  }

  private async memberOf(trx: Db, council: Council, userId: string) {
    const user = UUID.test(userId) ? await this.repository.findUser(trx, userId) : undefined;
    const roles = user ? await this.repository.membershipsIn(trx, userId, council.id) : [];
    if (!user || roles.length === 0) {
      throw new NotFoundError('That person is not a member of this council');
    }
    return user;
  }

  /** A council always keeps at least one active administrator. */
  private async keepAnAdministrator(
    trx: Db,
    by: Actor,
    council: Council,
    user: { id: string; name: string },
  ) {
    const admins = await this.repository.administratorIds(trx, council.id, by.at);
    if (admins.length === 1 && admins[0] === user.id) {
      throw new ConflictError(
        `${user.name} is the only administrator of ${council.name}: make someone else an administrator first`,
      );
    }
  }
}
