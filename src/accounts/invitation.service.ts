import { z } from 'zod';
import type { AccessService } from '../access/access.service.js';
import { ROLE_LABELS, ROLES } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { ConflictError, ValidationError } from '../lib/errors.js';
import { validate } from '../lib/validate.js';
import type { Mailer } from '../mail/mailer.js';
import type { UserRow } from './account.repository.js';
import type { AccountService } from './account.service.js';
import { INVITATION_DAYS, type LinkCheck, type OneTimeLinks } from './one-time-link.js';
import type { UserAdminRepository } from './user-admin.repository.js';

const inviteSchema = z
  .strictObject({
    email: z
      .string()
      .trim()
      .pipe(
        z.email('Enter an email address in the correct format, like name@council.gov.uk').max(320),
      ),
    name: z
      .string()
      .trim()
      .min(1, 'Enter the person’s full name')
      .max(200, 'The name must be 200 characters or fewer'),
    role: z.enum(ROLES as [Role, ...Role[]], { error: 'Select a role' }),
    planId: z.string().nullable().default(null),
    expiresAt: z.string().nullable().default(null),
    leadNames: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.role !== 'adviser') return;
    if (!value.planId)
      ctx.addIssue({
        code: 'custom',
        path: ['planId'],
        message: 'Select the plan the adviser may see',
      });
    if (value.expiresAt && Number.isNaN(Date.parse(value.expiresAt)))
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'The date the adviser’s access ends must be a real date, like 31 3 2027',
      });
    if (!value.expiresAt)
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'Enter the date the adviser’s access ends',
      });
  });

export interface Inviter {
  userId: string | null;
  /** How the e-mail names who invited the person ("Jane Smith", or "An administrator"). */
  name: string;
}

export interface InviteResult {
  user: UserRow;
  newUser: boolean;
  /** The invitation link; null when the person already has a password (they just sign in). */
  link: string | null;
  mailed: boolean;
}

/** Inviting people to a council by e-mail, and accepting an invitation by choosing a password. */
export class InvitationService {
  constructor(
    private readonly repository: UserAdminRepository,
    private readonly accounts: AccountService,
    private readonly access: AccessService,
    private readonly links: OneTimeLinks,
    private readonly mailer: Mailer,
  ) {}

  /**
   * Gives a person (created without a password if new) a role in the council and e-mails them:
   * a one-time link to choose a password, or, if they have one, word that they can sign in.
   * With `send: false` nothing is e-mailed (the CLI prints the link instead).
   */
  async invite(
    trx: Db,
    by: Inviter,
    council: { id: string; name: string },
    input: unknown,
    now: string,
    options: { send: boolean } = { send: true },
  ): Promise<InviteResult> {
    const value = validate(inviteSchema, input, 'invitation');
    const adviser = value.role === 'adviser';
    if (adviser && value.expiresAt && value.expiresAt <= now) {
      throw new ValidationError(
        [
          {
            path: 'expiresAt',
            message: 'The date the adviser’s access ends must be in the future',
          },
        ],
        'invitation',
      );
    }
    const existing = await this.accounts.findUserByEmail(trx, value.email);
    if (existing && !existing.active) {
      throw new ConflictError(
        `The account for ${existing.email} has been turned off on this server: ask whoever runs the server to turn it back on (g2g user reactivate)`,
      );
    }
    const user =
      existing ??
      (await this.repository.insertInvitedUser(trx, { email: value.email, name: value.name }));
    try {
      await this.access.grant(trx, { userId: by.userId, at: now }, user.id, council.id, {
        role: value.role,
        planId: adviser ? value.planId : null,
        expiresAt: adviser ? value.expiresAt : null,
        leadNames: value.leadNames,
      });
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError(`${user.name} already has that role in ${council.name}`);
      }
      throw error;
    }
    // Invited again after being deactivated: the new role replaces the ones kept.
    await this.repository.deleteDeactivation(trx, user.id, council.id);
    const link = user.passwordHash
      ? null
      : this.mailer.link(
          `/invitations/${await this.links.issue(trx, 'invitation', user.id, now, INVITATION_DAYS * 86_400_000)}`,
        );
    await this.access.audit(trx, now, {
      kind: 'user-invited',
      userId: by.userId,
      email: user.email,
      organisationId: council.id,
      planId: adviser ? value.planId : null,
      detail: { subject: user.id, role: value.role, newUser: !existing, link: link !== null },
    });
    if (options.send) await this.mail(user, by, council, value.role, link, now);
    return { user, newUser: !existing, link, mailed: options.send };
  }

  private async mail(
    user: UserRow,
    by: Inviter,
    council: { name: string },
    role: Role,
    link: string | null,
    now: string,
  ): Promise<void> {
    const what = `${by.name} has given you access to ${council.name}'s improvement plans in Getting to Good, as ${ROLE_LABELS[role].toLowerCase()}.`;
    if (link) {
      const until = new Date(Date.parse(now) + INVITATION_DAYS * 86_400_000);
      await this.mailer.send({
        to: user.email,
        subject: `You have been invited to Getting to Good by ${council.name}`,
        link,
        text: [
          `Hello ${user.name},`,
          '',
          what,
          '',
          'Open this link to choose your password and sign in:',
          '',
          link,
          '',
          `The link works once, until ${until.toUTCString()}. If it has expired, ask an administrator at ${council.name} to invite you again.`,
          '',
          'If you were not expecting this email, you can ignore it.',
        ].join('\n'),
      });
      return;
    }
    const signIn = this.mailer.link('/sign-in');
    await this.mailer.send({
      to: user.email,
      subject: `You now have access to ${council.name} in Getting to Good`,
      link: signIn,
      text: [
        `Hello ${user.name},`,
        '',
        what,
        '',
        'Sign in with your usual email address and password:',
        '',
        signIn,
      ].join('\n'),
    });
  }

  /** Whether an invitation link can still be used. */
  check(trx: Db, token: string, now: string): Promise<LinkCheck> {
    return this.links.check(trx, 'invitation', token, now);
  }

  /**
   * Accepts an invitation: sets the chosen password (the policy applies), uses up the link and
   * signs the person in. Throws a ValidationError on `password` when the password is refused.
   */
  async accept(
    trx: Db,
    token: string,
    password: string,
    context: { now: string; address: string | null },
  ): Promise<LinkCheck & { session?: string }> {
    const checked = await this.check(trx, token, context.now);
    if (!checked.ok) return checked;
    await this.links.setPassword(trx, checked.user, password, context.now);
    const session = await this.accounts.startSession(trx, checked.user.id, context.now);
    await this.access.audit(trx, context.now, {
      kind: 'invitation-accepted',
      userId: checked.user.id,
      email: checked.user.email,
      address: context.address,
    });
    return { ...checked, session };
  }
}
