import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { validate } from '../lib/validate.js';
import type { AccessRepository, AuditEventRow, AuditFilter } from './access.repository.js';
import { type Actor, type Grant, ROLES } from './policy.js';

const slugSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lower-case letters, digits and hyphens, like bristol',
  );

const councilSchema = z.strictObject({
  slug: slugSchema.max(60),
  name: z.string().trim().min(1, 'is required').max(200),
});

const grantSchema = z
  .strictObject({
    role: z.enum(ROLES as [Role, ...Role[]], {
      error: `must be one of ${ROLES.join(', ')}`,
    }),
    planId: z.uuid('must be a plan id').nullable().default(null),
    leadNames: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'must be a date and time' })
      .nullable()
      .default(null),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'adviser' && (!value.planId || !value.expiresAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message:
          'an external adviser is given chosen plans for a limited time: name the plan and the end date',
      });
    }
  });

export interface AuditEntry {
  kind: string;
  userId?: string | null;
  email?: string | null;
  organisationId?: string | null;
  planId?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
}

/** The access-log row of an entry at `at`. */
export function auditRow(at: string, entry: AuditEntry) {
  return {
    at,
    kind: entry.kind,
    userId: entry.userId ?? null,
    email: entry.email?.toLowerCase() ?? null,
    organisationId: entry.organisationId ?? null,
    planId: entry.planId ?? null,
    address: entry.address ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
}

/** Councils as tenants, people's roles in them, and the log of who got in and what they exported. */
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /** The person with their live roles, ready for the policy functions. */
  async actor(trx: Db, user: { id: string; name: string }, now: string): Promise<Actor> {
    const rows = await this.repository.liveMemberships(trx, user.id, now);
    const grants: Grant[] = rows.map((r) => ({
      organisationId: r.organisationId,
      role: r.role,
      planId: r.planId,
      leadNames: r.leadNames,
    }));
    const ends = rows.map((r) => r.expiresAt).filter((e): e is string => e !== null);
    const until = ends.length ? ends.reduce((a, b) => (a < b ? a : b)) : null;
    return { userId: user.id, name: user.name, grants, until };
  }

  listCouncils(trx: Db) {
    return this.repository.listOrganisations(trx);
  }

  async addCouncil(trx: Db, input: unknown) {
    const { slug, name } = validate(councilSchema, input, 'council');
    const existing = await this.repository.councilBySlug(trx, slug);
    if (existing) throw new ConflictError(`There is already a council with the short name ${slug}`);
    return this.repository.insertCouncil(trx, slug, name);
  }

  async councilBySlug(trx: Db, slug: string) {
    const council = await this.repository.councilBySlug(trx, slug);
    if (!council) throw new NotFoundError(`There is no council with the short name ${slug}`);
    return council;
  }

  members(trx: Db, organisationId: string) {
    return this.repository.membershipsOfCouncil(trx, organisationId);
  }

  /** Gives a person a role in a council (or in one of its plans). */
  async grant(
    trx: Db,
    by: { userId: string | null; at: string },
    userId: string,
    organisationId: string,
    input: unknown,
  ) {
    const value = validate(grantSchema, input, 'role');
    if (value.planId) {
      const councilOfPlan = await this.repository.councilOfPlan(trx, value.planId);
      if (councilOfPlan !== organisationId) {
        throw new ValidationError(
          [{ path: 'planId', message: 'is not a plan of this council' }],
          'role',
        );
      }
    }
    const current = await this.repository.liveMemberships(trx, userId, by.at);
    if (
      current.some(
        (m) =>
          m.organisationId === organisationId && m.role === value.role && m.planId === value.planId,
      )
    ) {
      throw new ConflictError('This person already has that role');
    }
    const row = await this.repository.insertMembership(trx, {
      userId,
      organisationId,
      role: value.role,
      planId: value.planId,
      leadNames: JSON.stringify(value.leadNames),
      expiresAt: value.expiresAt,
    });
    await this.audit(trx, by.at, {
      kind: 'role-granted',
      userId: by.userId,
      organisationId,
      planId: value.planId,
      detail: { subject: userId, role: value.role, expiresAt: value.expiresAt },
    });
    return row;
  }

  /** Replaces a person's council-wide role (their plan-specific ones stay). */
  async setRole(
    trx: Db,
    by: { userId: string | null; at: string },
    userId: string,
    organisationId: string,
    input: unknown,
  ) {
    const value = validate(grantSchema, input, 'role');
    if (value.planId)
      throw new ValidationError(
        [{ path: 'planId', message: 'is not used when changing a council-wide role' }],
        'role',
      );
    const before = await this.repository.deleteCouncilRoles(trx, userId, organisationId);
    const row = await this.repository.insertMembership(trx, {
      userId,
      organisationId,
      role: value.role,
      planId: null,
      leadNames: JSON.stringify(value.leadNames),
      expiresAt: value.expiresAt,
    });
    await this.audit(trx, by.at, {
      kind: 'role-changed',
      userId: by.userId,
      organisationId,
      detail: { subject: userId, before, after: value.role },
    });
    return row;
  }

  async audit(trx: Db, at: string, entry: AuditEntry): Promise<void> {
    await this.repository.appendAudit(trx, auditRow(at, entry));
  }

  listAudit(trx: Db, filter: AuditFilter): Promise<AuditEventRow[]> {
    return this.repository.listAudit(trx, filter);
  }

  listCouncilAudit(
    trx: Db,
    organisationId: string,
    filter: { kind?: string; email?: string; limit?: number },
  ) {
    return this.repository.listCouncilAudit(trx, organisationId, filter);
  }

  auditStats(
    trx: Db,
    filter: { kind: string; since: string; after?: string; email?: string; address?: string },
  ): Promise<{ n: number; last: string | null }> {
    return this.repository.auditStats(trx, filter);
  }

  countAudit(trx: Db, filter: AuditFilter & { since: string }): Promise<number> {
    return this.repository.countAudit(trx, filter);
  }
}
