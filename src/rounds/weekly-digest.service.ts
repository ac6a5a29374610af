import type { AccessService } from '../access/access.service.js';
import type { Db } from '../db/database.js';
import type { HomeService } from '../home/home.service.js';
import { DUE_SOON_DAYS, homePage } from '../home/home.view-model.js';
import type { Clock } from '../lib/clock.js';
import type { Mailer } from '../mail/mailer.js';
import type { OutboxService } from '../mail/outbox.service.js';
import { PREFERENCES_PATH, stopWords } from './round-mail.messages.js';
import type { DigestPerson, WeeklyDigestRepository } from './weekly-digest.repository.js';

// The weekly digest: once a week, to each person who leads actions, the ones overdue and the
// ones due in the next DUE_SOON_DAYS days, as their home page lists them. Each person's week
// is claimed once in the database, by whichever tick gets there first from Monday on, so it
// goes once a week however many processes tick (or if none ticked on the Monday itself).

/** The Monday of the week `day` falls in (YYYY-MM-DD). */
export function weekStartOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

type Row = ReturnType<typeof homePage>['mine']['overdue'][number];

export class WeeklyDigestService {
  constructor(
    private readonly repository: WeeklyDigestRepository,
    private readonly access: AccessService,
    private readonly home: HomeService,
    private readonly outbox: OutboxService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /** Queues this week's digest for each person not yet considered (one transaction each). */
  async queue(db: Db): Promise<void> {
    const week = weekStartOf(this.clock.today());
    const people = await this.repository.notYetConsidered(db, week, this.clock.now());
    for (const person of people)
      await db.transaction().execute((trx) => this.consider(trx, person, week));
  }

  private async consider(trx: Db, person: DigestPerson, week: string): Promise<void> {
    const now = this.clock.now();
    if (!(await this.repository.claimWeek(trx, person.id, week, now))) return;
    const today = this.clock.today();
    const actor = await this.access.actor(trx, person, now);
    const facts = await this.home.facts(trx, actor, today);
    const { mine } = homePage(
      actor,
      facts.plans,
      facts.actions,
      facts.schemes,
      today,
      facts.labels,
      facts.days,
    );
    if (!mine.overdue.length && !mine.dueSoon.length) return;
    const link = this.mailer.link('/');
    const list = (rows: Row[]) =>
      rows.map((r) => `- ${r.label} (${r.planTitle}): ${short(r.text)}. Due ${r.due}`);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const lines = [
      `Hello ${person.name},`,
      '',
      ...(mine.overdue.length
        ? [`${count(mine.overdue.length, 'action')} you lead overdue:`, ...list(mine.overdue), '']
        : []),
      ...(mine.dueSoon.length
        ? [
            `${count(mine.dueSoon.length, 'action')} you lead due in the next ${DUE_SOON_DAYS} days:`,
            ...list(mine.dueSoon),
            '',
          ]
        : []),
      'See your actions and give your updates:',
      link,
      ...stopWords(this.mailer.link(PREFERENCES_PATH)),
      '',
    ];
    const parts = [
      mine.overdue.length ? `${mine.overdue.length} overdue` : '',
      mine.dueSoon.length ? `${mine.dueSoon.length} due soon` : '',
    ].filter(Boolean);
    await this.outbox.enqueue(trx, [
      {
        planId: null,
        roundId: null,
        kind: 'weekly-digest',
        dedupeKey: `weekly-digest:${week}:${person.id}`,
        userId: person.id,
        recipient: person.email,
        recipientName: person.name,
        subject: `Your actions this week: ${parts.join(', ')}`,
        body: lines.join('\n'),
        link,
        nextAttemptAt: now,
        createdAt: now,
      },
    ]);
  }
}

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 97)}...` : text);
