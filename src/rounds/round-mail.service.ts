import { leadsAction } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { formatDate } from '../lib/format.js';
import type { Mailer } from '../mail/mailer.js';
import type { PlanService } from '../plans/plan.service.js';
import type { MemberRow, OutboxRow, RoundMailRepository } from './round-mail.repository.js';
import type { RoundService } from './round.service.js';
import { myUpdatesHref, roundHref } from './round.view-model.js';

// The rounds' e-mails, through a queue in the database: a digest to each lead when a round
// opens, a reminder before the deadline to leads still missing an update, a summary to the
// plan's managers after it. Plain text, no tracking. Pages only queue; `tick` (the server's
// scheduler, or g2g rounds tick) queues what has fallen due and sends what is queued.

/** Reminders go this many days before the deadline (and on the days up to it). */
export const REMINDER_DAYS = 2;
/** Minutes to wait after each failed try; after the last, the e-mail has failed. */
const BACK_OFF_MINUTES = [1, 5, 30, 120];
const LEASE_MINUTES = 5;
export const PREFERENCES_PATH = '/e-mail-preferences';

const plus = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const dayPlus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface TickResult {
  sent: number;
  failed: number;
}

export class RoundMailService {
  constructor(
    private readonly repository: RoundMailRepository,
    private readonly rounds: RoundService,
    private readonly plans: PlanService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /** The people who lead each of the round's actions (by name or a role title they hold). */
  private async leadPeople(trx: Db, planId: string, roundId: string) {
    const scope = await this.plans.scope(trx, planId);
    const { round, actions } = await this.rounds.progress(trx, planId, roundId);
    const members = scope
      ? await this.repository.members(trx, scope.organisationId, planId, this.clock.now())
      : [];
    const people = new Map<string, { member: MemberRow; actions: typeof actions }>();
    for (const m of members) {
      const actor = {
        userId: m.userId,
        name: m.name,
        grants: members
          .filter((g) => g.userId === m.userId)
          .map((g) => ({
            organisationId: scope?.organisationId ?? '',
            role: g.role,
            planId: g.planId,
            leadNames: g.leadNames,
          })),
      };
      const theirs = actions.filter((a) =>
        leadsAction(actor, scope?.organisationId ?? '', a.leads),
      );
      if (theirs.length && !people.has(m.userId))
        people.set(m.userId, { member: m, actions: theirs });
    }
    const { plan } = await this.plans.get(trx, planId);
    return { round, actions, people: [...people.values()], members, planTitle: plan.title };
  }

  /** Queues the opening digest to each lead who has not stopped them (in the round's transaction). */
  async roundOpened(trx: Db, planId: string, roundId: string): Promise<void> {
    const { round, people, planTitle } = await this.leadPeople(trx, planId, roundId);
    const link = this.mailer.link(myUpdatesHref(planId, round.id));
    await this.repository.enqueue(
      trx,
      people
        .filter((p) => p.member.roundDigests)
        .map(({ member, actions }) =>
          this.row(planId, round.id, 'round-digest', member, {
            subject: `${round.name}: your updates are due by ${formatDate(round.deadline)}`,
            link,
            lines: [
              `${planTitle} has a new update round: ${round.name}.`,
              `Please give an update on each of your actions by ${formatDate(round.deadline)}:`,
              '',
              ...actions.map((a) => `- ${a.label}: ${short(a.text)}`),
              '',
              'Give all your updates on one page:',
              link,
            ],
          }),
        ),
    );
  }

  /**
   * Queues what has fallen due (reminders, summaries), then sends what is queued. `db` is the
   * database itself, not a transaction: each round's queueing commits on its own, and each
   * claim commits before its e-mails are sent.
   */
  async tick(db: Db): Promise<TickResult> {
    const today = this.clock.today();
    const watched = await this.repository.roundsToWatch(db, dayPlus(today, -14));
    for (const r of watched) {
      await db.transaction().execute(async (trx) => {
        const { round, actions, people, members, planTitle } = await this.leadPeople(
          trx,
          r.planId,
          r.id,
        );
        const missing = actions.filter((a) => !a.updates.length);
        if (
          !round.closedAt &&
          today >= dayPlus(round.deadline, -REMINDER_DAYS) &&
          today <= round.deadline
        ) {
          const link = this.mailer.link(myUpdatesHref(r.planId, round.id));
          await this.repository.enqueue(
            trx,
            people
              .filter((p) => p.member.roundDigests)
              .map((p) => ({ ...p, actions: p.actions.filter((a) => !a.updates.length) }))
              .filter((p) => p.actions.length)
              .map(({ member, actions: theirs }) =>
                this.row(r.planId, round.id, 'round-reminder', member, {
                  subject: `Reminder: ${round.name} updates are due by ${formatDate(round.deadline)}`,
                  link,
                  lines: [
                    `These actions in ${planTitle} have no update yet in ${round.name}:`,
                    '',
                    ...theirs.map((a) => `- ${a.label}: ${short(a.text)}`),
                    '',
                    `Please give your updates by ${formatDate(round.deadline)}, on one page:`,
                    link,
                  ],
                }),
              ),
          );
        }
        if (today > round.deadline) {
          const link = this.mailer.link(roundHref(r.planId, round.id));
          const managers = unique(members.filter((m) => m.role === 'plan-manager'));
          await this.repository.enqueue(
            trx,
            managers.map((member) =>
              this.row(r.planId, round.id, 'round-summary', member, {
                subject: `${round.name}: ${missing.length} of ${actions.length} actions without an update`,
                link,
                lines: [
                  `The deadline for ${round.name} (${planTitle}) was ${formatDate(round.deadline)}.`,
                  missing.length
                    ? `${missing.length} of ${actions.length} actions have no update:`
                    : `Every one of its ${actions.length} actions has an update.`,
                  ...(missing.length
                    ? [
                        '',
                        ...missing.map(
                          (a) =>
                            `- ${a.label} (${a.leads.map((l) => l.name).join('; ') || 'no lead'})`,
                        ),
                      ]
                    : []),
                  '',
                  'See who has updated:',
                  link,
                ],
              }),
            ),
          );
        }
      });
    }
    return this.deliver(db);
  }

  /** Sends every queued e-mail that is due, claiming a few at a time; a failure is retried later. */
  async deliver(db: Db): Promise<TickResult> {
    const result = { sent: 0, failed: 0 };
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.repository.claim(db, now, plus(now, LEASE_MINUTES), 10);
      if (!claimed.length) return result;
      for (const mail of claimed) {
        try {
          await this.mailer.send({
            to: mail.recipient,
            subject: mail.subject,
            text: mail.body,
            link: mail.link,
          });
          await this.repository.markSent(db, mail.id, this.clock.now());
          result.sent += 1;
        } catch (error) {
          const wait = BACK_OFF_MINUTES[mail.attempts - 1];
          const retryAt = wait === undefined ? null : plus(this.clock.now(), wait);
          await this.repository.markFailed(
            db,
            mail.id,
            error instanceof Error ? error.message : String(error),
            retryAt,
          );
          result.failed += 1;
          // Tried again at a later tick, not in this one.
          if (retryAt) continue;
        }
      }
    }
  }

  /** A round's e-mails as its manager sees them: to whom, what, and how it went. */
  async ofRound(trx: Db, roundId: string) {
    const rows = await this.repository.ofRound(trx, roundId);
    return rows.map((m) => ({
      to: m.recipientName,
      kind: KIND_WORDS[m.kind] ?? 'E-mail',
      status: statusWords(m),
    }));
  }

  digestsWanted(trx: Db, userId: string): Promise<boolean> {
    return this.repository.digestsWanted(trx, userId);
  }

  setDigestsWanted(trx: Db, userId: string, wanted: boolean): Promise<void> {
    return this.repository.setDigestsWanted(trx, userId, wanted);
  }

  private row(
    planId: string,
    roundId: string,
    kind: string,
    member: MemberRow,
    mail: { subject: string; link: string; lines: string[] },
  ) {
    const footer =
      kind === 'round-summary'
        ? []
        : [
            '',
            `You get these e-mails because you lead actions in this plan. To stop them: ${this.mailer.link(PREFERENCES_PATH)}`,
          ];
    return {
      planId,
      roundId,
      kind,
      dedupeKey: `${kind}:${roundId}:${member.userId}`,
      userId: member.userId,
      recipient: member.email,
      recipientName: member.name,
      subject: mail.subject,
      body: [`Hello ${member.name},`, '', ...mail.lines, ...footer, ''].join('\n'),
      link: mail.link,
      nextAttemptAt: this.clock.now(),
      createdAt: this.clock.now(),
    };
  }
}

const KIND_WORDS: Record<string, string> = {
  'round-digest': 'The round’s digest',
  'round-reminder': 'Reminder',
  'round-summary': 'Summary after the deadline',
};

function statusWords(m: OutboxRow): string {
  if (m.status === 'sent') return `Sent ${formatDate(m.sentAt)}`;
  if (m.status === 'failed') return `Failed after ${m.attempts} tries: check the address`;
  if (m.attempts > 0)
    return `Not sent yet: tried ${m.attempts} time${m.attempts === 1 ? '' : 's'}, trying again`;
  return 'Waiting to be sent';
}

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 97)}...` : text);

function unique(members: MemberRow[]): MemberRow[] {
  const seen = new Set<string>();
  return members.filter((m) => !seen.has(m.userId) && (seen.add(m.userId), true));
}
