import type { Db } from '../db/database.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import type { Clock } from '../lib/clock.js';
import { ConflictError, ValidationError } from '../lib/errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { OutboxRow } from '../mail/outbox.repository.js';
import type { DeliveryResult, OutboxService } from '../mail/outbox.service.js';
import type { PlanService } from '../plans/plan.service.js';
import {
  digestWords,
  type MailWords,
  PREFERENCES_PATH,
  reminderWords,
  stopWords,
  summaryWords,
} from './round-mail.messages.js';
import { leadPeople, leadsWithoutAccount } from './round-mail.people.js';
import type { MemberRow, RoundMailRepository } from './round-mail.repository.js';
import type { RoundService } from './round.service.js';
import { myUpdatesHref, roundHref } from './round.view-model.js';

// The rounds' e-mails, through the queue in the database (mail/outbox): a digest to each lead
// when a round opens, a reminder before the deadline to leads still missing an update, a
// summary to the plan's managers after it. Pages only queue; `tick` (the server's scheduler,
// or g2g rounds tick) queues what has fallen due and sends what is queued.

/** Reminders go this many days before the deadline (and on the days up to it). */
export const REMINDER_DAYS = 2;

const dayPlus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export type TickResult = DeliveryResult;

/** What the round page shows about the round's e-mails. */
export interface RoundSending {
  mail: OutboxRow[];
  /** Lead names on the round's actions that no account answers for. */
  noAddress: string[];
  /** Leads who chose to stop the digests. */
  stopped: string[];
}

export class RoundMailService {
  constructor(
    private readonly repository: RoundMailRepository,
    private readonly outbox: OutboxService,
    private readonly rounds: RoundService,
    private readonly plans: PlanService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    /** Queues the weekly digests that are due (weekly-digest.service.ts). */
    private readonly weekly: { queue(db: Db): Promise<void> },
    private readonly history: HistoryService,
  ) {}

  /** The round, its actions, the council's people in the plan, and who leads which action. */
  private async load(trx: Db, planId: string, roundId: string) {
    const scope = await this.plans.scope(trx, planId);
    const organisationId = scope?.organisationId ?? '';
    const { round, actions } = await this.rounds.progress(trx, planId, roundId);
    const members = scope
      ? await this.repository.members(trx, organisationId, planId, this.clock.now())
      : [];
    const { plan } = await this.plans.get(trx, planId);
    const people = leadPeople(members, organisationId, actions);
    return { round, actions, people, members, organisationId, planTitle: plan.title };
  }

  /** Queues the opening digest to each lead who has not stopped them (in the round's transaction). */
  async roundOpened(trx: Db, planId: string, roundId: string): Promise<void> {
    const { round, people, planTitle } = await this.load(trx, planId, roundId);
    const link = this.mailer.link(myUpdatesHref(planId, round.id));
    await this.outbox.enqueue(
      trx,
      people
        .filter((p) => p.member.roundDigests)
        .map(({ member, actions }) =>
          this.row(planId, round.id, 'round-digest', member, link, {
            ...digestWords(round, planTitle, actions, link),
          }),
        ),
    );
  }

  /**
   * A manager's "Send a reminder now": queues a reminder to each lead (who has not stopped
   * them) still missing an update in the open round, listing only those actions. `key` is the
   * form's once-only key: the same form sent twice queues each reminder once and records once.
   * Returns the names reminded by this call (none when it was a repeat).
   */
  async remindNow(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    roundId: string,
    key: string,
  ): Promise<string[]> {
    const { round, people, planTitle } = await this.load(trx, planId, roundId);
    if (round.closedAt)
      throw new ConflictError(`‘${round.name}’ has closed: there is nobody left to remind`);
    const link = this.mailer.link(myUpdatesHref(planId, round.id));
    const due = people
      .filter((p) => p.member.roundDigests)
      .map((p) => ({ ...p, actions: p.actions.filter((a) => !a.updates.length) }))
      .filter((p) => p.actions.length);
    if (!due.length)
      throw new ValidationError(
        [
          {
            path: 'remind',
            message:
              'Every lead with an e-mail address has updated all their actions in this round (or has stopped these e-mails): there is nobody to remind',
          },
        ],
        'reminder',
      );
    const added = await this.outbox.enqueue(
      trx,
      due.map(({ member, actions }) => ({
        ...this.row(planId, round.id, 'round-reminder-now', member, link, {
          ...reminderWords(round, planTitle, actions, link),
        }),
        dedupeKey: `round-reminder-now:${round.id}:${key}:${member.userId}`,
      })),
    );
    if (!added) return [];
    const names = due.map((p) => p.member.name);
    await this.history.record(
      trx,
      ctx,
      planId,
      'round',
      round.id,
      { name: round.name, deadline: round.deadline, state: 'open' },
      {
        name: round.name,
        deadline: round.deadline,
        state: 'open',
        reminder: `Reminder queued for ${names.join(', ')}`,
      },
    );
    return names;
  }

  /**
   * Queues what has fallen due (reminders, summaries, weekly digests), then sends what is queued. `db` is the
   * database itself, not a transaction: each round's queueing commits on its own, and each
   * claim commits before its e-mails are sent.
   */
  async tick(db: Db): Promise<TickResult> {
    const watched = await this.repository.roundsToWatch(db, dayPlus(this.clock.today(), -14));
    for (const r of watched)
      await db.transaction().execute((trx) => this.queueDue(trx, r.planId, r.id));
    await this.weekly.queue(db);
    return this.outbox.deliver(db);
  }

  private async queueDue(trx: Db, planId: string, roundId: string): Promise<void> {
    const today = this.clock.today();
    const { round, actions, people, members, planTitle } = await this.load(trx, planId, roundId);
    const missing = actions.filter((a) => !a.updates.length);
    const remindFrom = dayPlus(round.deadline, -REMINDER_DAYS);
    if (!round.closedAt && today >= remindFrom && today <= round.deadline) {
      const link = this.mailer.link(myUpdatesHref(planId, round.id));
      await this.outbox.enqueue(
        trx,
        people
          .filter((p) => p.member.roundDigests)
          .map((p) => ({ ...p, actions: p.actions.filter((a) => !a.updates.length) }))
          .filter((p) => p.actions.length)
          .map(({ member, actions: theirs }) =>
            this.row(planId, round.id, 'round-reminder', member, link, {
              ...reminderWords(round, planTitle, theirs, link),
            }),
          ),
      );
    }
    if (today > round.deadline) {
      const link = this.mailer.link(roundHref(planId, round.id));
      const managers = unique(members.filter((m) => m.role === 'plan-manager'));
      await this.outbox.enqueue(
        trx,
        managers.map((member) =>
          this.row(planId, round.id, 'round-summary', member, link, {
            ...summaryWords(round, planTitle, actions.length, missing, link),
          }),
        ),
      );
    }
  }

  /** A round's e-mails as its manager sees them, and the leads nobody could write to. */
  async sending(trx: Db, planId: string, roundId: string): Promise<RoundSending> {
    const { actions, people, members, organisationId } = await this.load(trx, planId, roundId);
    return {
      mail: await this.outbox.ofRound(trx, roundId),
      noAddress: leadsWithoutAccount(members, organisationId, actions),
      stopped: people.filter((p) => !p.member.roundDigests).map((p) => p.member.name),
    };
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
    link: string,
    mail: MailWords,
  ) {
    const footer = kind === 'round-summary' ? [] : stopWords(this.mailer.link(PREFERENCES_PATH));
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
      link,
      nextAttemptAt: this.clock.now(),
      createdAt: this.clock.now(),
    };
  }
}

function unique(members: MemberRow[]): MemberRow[] {
  const seen = new Set<string>();
  return members.filter((m) => !seen.has(m.userId) && (seen.add(m.userId), true));
}
