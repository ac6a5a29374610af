import type { AccessService } from '../access/access.service.js';
import type { Db } from '../db/database.js';
import { ConfigError } from '../lib/errors.js';
import type { MailMessage, Mailer } from '../mail/mailer.js';
import type { AccountService } from './account.service.js';
import { type LinkCheck, type OneTimeLinks, RESET_HOURS } from './one-time-link.js';

/** Reset requests counted over this window... */
export const RESET_THROTTLE_MINUTES = 15;
/** ...per e-mail address (whether or not it has an account)... */
export const MAX_RESETS_PER_EMAIL = 3;
/** ...and per network address. */
export const MAX_RESETS_PER_ADDRESS = 20;

/** "Forgotten your password?": a one-time link by e-mail, then a new password. */
export class PasswordResetService {
  constructor(
    private readonly accounts: AccountService,
    private readonly access: AccessService,
    private readonly links: OneTimeLinks,
    private readonly mailer: Mailer,
  ) {}

  /**
   * E-mails a reset link if the address belongs to an active account. The outcome is the same
   * whether or not it does (no one learns who has an account); only too many requests for one
   * address, or from one network address, are refused for a while. Every request is audited.
   */
  async request(
    trx: Db,
    input: { email: string; address: string | null },
    now: string,
  ): Promise<{ outcome: 'sent' | 'throttled'; mail: MailMessage | null }> {
    // Refused for everyone alike when mail cannot go out (never only for real accounts).
    if (this.mailer.mode === 'off') {
      throw new ConfigError(
        'Password reset by email is not set up on this server. Ask an administrator of your council to help you',
      );
    }
    const email = input.email.trim().toLowerCase();
    const { address } = input;
    const since = new Date(Date.parse(now) - RESET_THROTTLE_MINUTES * 60_000).toISOString();
    const requests = (filter: { email?: string; address?: string }) =>
      this.access.countAudit(trx, { kind: 'password-reset-requested', since, ...filter });
    if (
      (await requests({ email })) >= MAX_RESETS_PER_EMAIL ||
      (address !== null && (await requests({ address })) >= MAX_RESETS_PER_ADDRESS)
    ) {
      await this.access.audit(trx, now, { kind: 'password-reset-throttled', email, address });
      return { outcome: 'throttled', mail: null };
    }
    const user = await this.accounts.findUserByEmail(trx, email);
    await this.access.audit(trx, now, {
      kind: 'password-reset-requested',
      userId: user?.id ?? null,
      email,
      address,
    });
    if (!user?.active) return { outcome: 'sent', mail: null };
    const token = await this.links.issue(
      trx,
      'password-reset',
      user.id,
      now,
      RESET_HOURS * 3_600_000,
    );
    const link = this.mailer.link(`/password-reset/${token}`);
    // Sent by the caller once the transaction has committed and the answer has gone, so that
    // neither the answer's timing nor a mail failure tells anyone the account exists.
    const mail: MailMessage = {
      to: user.email,
      subject: 'Reset your Getting to Good password',
      link,
      text: [
        `Hello ${user.name},`,
        '',
        'Someone asked to reset the password of your Getting to Good account. To choose a new password, open this link:',
        '',
        link,
        '',
        `The link works once, within ${RESET_HOURS} hour. Choosing a new password signs you out everywhere else.`,
        '',
        'If you did not ask for this, you can ignore this email: your password has not changed.',
      ].join('\n'),
    };
    return { outcome: 'sent', mail };
  }

  /** Sends a reset e-mail that request() prepared. */
  deliver(mail: MailMessage): Promise<void> {
    return this.mailer.send(mail);
  }

  /** Whether a reset link can still be used. */
  check(trx: Db, token: string, now: string): Promise<LinkCheck> {
    return this.links.check(trx, 'password-reset', token, now);
  }

  /**
   * Sets the new password (the policy applies), uses up the link, ends every other session of
   * the person and signs them in here. Throws a ValidationError on `password` when refused.
   */
  async reset(
    trx: Db,
    token: string,
    password: string,
    context: { now: string; address: string | null },
  ): Promise<LinkCheck & { session?: string }> {
    const checked = await this.check(trx, token, context.now);
    if (!checked.ok) return checked;
    await this.links.setPassword(trx, checked.user, password, context.now);
    await this.accounts.signOutEverywhere(trx, checked.user.id);
    const session = await this.accounts.startSession(trx, checked.user.id, context.now);
    await this.access.audit(trx, context.now, {
      kind: 'password-reset',
      userId: checked.user.id,
      email: checked.user.email,
      address: context.address,
    });
    return { ...checked, session };
  }
}
