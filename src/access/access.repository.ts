import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditEventTable, MembershipTable, Role } from '../db/schema.js';

export type MembershipRow = Selectable<MembershipTable>;
export type AuditEventRow = Selectable<AuditEventTable>;

export interface AuditFilter {
  organisationId?: string;
  userId?: string;
  kind?: string;
  email?: string;
  address?: string;
  since?: string;
  limit?: number;
}

/** All SQL for councils, memberships and the access audit log. */
export class AccessRepository {
  async councilBySlug(trx: Db, slug: string) {
    return trx.selectFrom('organisation').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async insertCouncil(trx: Db, slug: string, name: string) {
    return trx
      .insertInto('organisation')
      .values({ slug, name })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The council a plan belongs to, or null when there is no such plan. */
  async councilOfPlan(trx: Db, planId: string): Promise<string | null> {
    const plan = await trx
      .selectFrom('plan')
      .select('organisationId')
      .where('id', '=', planId)
      .executeTakeFirst();
    return plan?.organisationId ?? null;
  }

  liveMemberships(trx: Db, userId: string, now: string): Promise<MembershipRow[]> {
    return trx
      .selectFrom('membership')
      .selectAll()
      .where('userId', '=', userId)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .execute();
  }

  membershipsOfCouncil(trx: Db, organisationId: string) {
    return trx
      .selectFrom('membership')
      .innerJoin('appUser', 'appUser.id', 'membership.userId')
      .select([
        'membership.id',
        'membership.userId',
        'membership.role',
        'membership.planId',
        'membership.leadNames',
        'membership.expiresAt',
        'appUser.email',
        'appUser.name',
        'appUser.active',
      ])
      .where('membership.organisationId', '=', organisationId)
      .orderBy('appUser.name')
      .orderBy('membership.role')
      .execute();
  }

  async insertMembership(trx: Db, values: Insertable<MembershipTable>): Promise<MembershipRow> {
    return trx.insertInto('membership').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async deleteCouncilRoles(trx: Db, userId: string, organisationId: string): Promise<Role[]> {
    const rows = await trx
      .deleteFrom('membership')
      .where('userId', '=', userId)
      .where('organisationId', '=', organisationId)
      .where('planId', 'is', null)
      .returning('role')
      .execute();
    return rows.map((r) => r.role);
  }

  listOrganisations(trx: Db) {
    return trx.selectFrom('organisation').selectAll().orderBy('name').execute();
  }

  async appendAudit(trx: Db, event: Insertable<AuditEventTable>): Promise<void> {
    await trx.insertInto('auditEvent').values(event).execute();
  }

  /** Several access-log rows in one statement. */
  async appendAudits(trx: Db, events: Array<Insertable<AuditEventTable>>): Promise<void> {
    if (events.length) await trx.insertInto('auditEvent').values(events).execute();
  }

  listAudit(trx: Db, filter: AuditFilter): Promise<AuditEventRow[]> {
    let query = trx.selectFrom('auditEvent').selectAll();
    if (filter.organisationId) query = query.where('organisationId', '=', filter.organisationId);
    if (filter.userId) query = query.where('userId', '=', filter.userId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.email) query = query.where('email', '=', filter.email.toLowerCase());
    if (filter.address) query = query.where('address', '=', filter.address);
    if (filter.since) query = query.where('at', '>=', filter.since);
    return query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 500)
      .execute();
  }

  /**
   * A council's access log: events in the council, and its members' own sign-ins (which belong
   * to no council). Events of the same people in other councils stay out.
   */
  listCouncilAudit(
    trx: Db,
    organisationId: string,
    filter: { kind?: string; email?: string; limit?: number },
  ): Promise<AuditEventRow[]> {
    let query = trx
      .selectFrom('auditEvent')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('organisationId', '=', organisationId),
          eb.and([
            eb('organisationId', 'is', null),
            eb(
              'userId',
              'in',
              eb
                .selectFrom('membership')
                .select('membership.userId')
                .where('membership.organisationId', '=', organisationId),
            ),
          ]),
        ]),
      );
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.email) {
      const email = filter.email.toLowerCase();
      query = query.where((eb) =>
        eb.or([
          eb('email', '=', email),
          eb(
            'userId',
            'in',
            eb
              .selectFrom('appUser')
              .select('appUser.id')
              .where(sql`lower(app_user.email)`, '=', email),
          ),
        ]),
      );
    }
    return query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 500)
      .execute();
  }

  /** How many events match since `since`, and when the latest was (null when none). */
  async auditStats(
    trx: Db,
    filter: { kind: string; since: string; after?: string; email?: string; address?: string },
  ): Promise<{ n: number; last: string | null }> {
    let query = trx
      .selectFrom('auditEvent')
      .select((eb) => [sql<number>`count(*)::int`.as('n'), eb.fn.max('at').as('last')])
      .where('at', '>=', filter.since)
      .where('kind', '=', filter.kind);
    if (filter.after) query = query.where('at', '>', filter.after);
    if (filter.email) query = query.where('email', '=', filter.email.toLowerCase());
    if (filter.address) query = query.where('address', '=', filter.address);
    const row = await query.executeTakeFirstOrThrow();
    const last = row.last as unknown;
    return {
      n: Number(row.n),
      last: last instanceof Date ? last.toISOString() : typeof last === 'string' ? last : null,
    };
  }

  async countAudit(trx: Db, filter: AuditFilter & { since: string }): Promise<number> {
    let query = trx
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '>=', filter.since);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.email) query = query.where('email', '=', filter.email.toLowerCase());
    if (filter.address) query = query.where('address', '=', filter.address);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
