import type { BoardRepository } from '../boards/board.repository.js';
import type { Db } from '../db/database.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import type { Clock } from '../lib/clock.js';
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import type { PlanDocumentService } from '../plans/document/plan-document.service.js';
import type { PlanRepository } from '../plans/plan.repository.js';
import { monthBefore } from '../plans/plan-summary.view-model.js';
import type { Doc, DocAction } from './pack-actions.js';
import type { BudgetService } from './budget.service.js';
import { buildPack } from './pack-builder.js';
import type { MadeFile } from './pack-files.js';
import type { PackContent, PackNarrative, PlanChanges } from './pack.types.js';
import { diffPlans } from './plan-diff.js';
import type {
  BoardPackFileRow,
  BoardPackRepository,
  BoardPackRow,
  BoardPackSummary,
} from './board-pack.repository.js';

/** What a pack is asked for: a day (ISO) and one of the plan's boards, by name. */
export interface PackRequest {
  asAt: string;
  board: string;
}

export interface PublishRequest extends PackRequest {
  meeting: string;
  narrative: PackNarrative;
  /** The publisher's name, as the list of packs shows it. */
  publisher: string;
}

const endOf = (day: string) => `${day}T23:59:59.999Z`;
const refuse = (path: string, message: string) => new ValidationError([{ path, message }], 'pack');

/** Board packs: drafts rebuilt from the plan's history, and published packs kept frozen. */
export class BoardPackService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly boards: BoardRepository,
    private readonly documents: PlanDocumentService,
    private readonly history: HistoryService,
    private readonly packs: BoardPackRepository,
    private readonly clock: Clock,
    private readonly budgets: BudgetService,
  ) {}

  /**
   * The pack for a board as the plan stood at the end of a day, from history alone; what
   * changed is counted since the board's previous published pack (else a month before).
   */
  async draft(trx: Db, planId: string, wanted: PackRequest): Promise<PackContent> {
    const plan = await this.plans.findPlan(trx, planId);
    if (!plan) throw new NotFoundError('There is no such plan');
    const today = this.clock.today();
    if (wanted.asAt > today) {
      throw refuse('asAt', `The date must be today (${formatDate(today)}) or earlier`);
    }
    const added = plan.createdAt.slice(0, 10);
    if (wanted.asAt < added) {
      throw refuse(
        'asAt',
        `The plan was added on ${formatDate(added)}: enter that date or a later one`,
      );
    }
    const boards = await this.boards.boardsOfPlan(trx, planId);
    const name = wanted.board.trim().toLowerCase();
    const board = boards.find((b) => b.name.trim().toLowerCase() === name);
    if (!board) {
      throw refuse(
        'board',
        boards.length === 0
          ? 'This plan has no boards yet: a plan manager adds them in the plan’s settings'
          : wanted.board.trim()
            ? `This plan has no board called ${wanted.board.trim()}: choose one of its boards (${boards.map((b) => b.name).join(', ')})`
            : 'Choose the board the pack is for',
      );
    }
    const previous = await this.packs.previous(trx, planId, board.id, wanted.asAt);
    const sinceDay = previous?.asAt ?? monthBefore(wanted.asAt);
    // The plan on both days from one read of its history.
    const [doc, before] = await this.documents.exportAsAtEach(trx, planId, [
      endOf(wanted.asAt),
      endOf(sinceDay),
    ]);
    if (!doc)
      throw refuse('asAt', 'The plan had not been added yet on that date: enter a later one');
    return buildPack({
      doc,
      before: before ?? null,
      asAt: wanted.asAt,
      board: { name: board.name, cadence: board.cadence, chair: board.chair },
      since: { day: sinceDay, previousPack: !!previous, meeting: previous?.meeting ?? null },
      previous: previous ? (previous.content as unknown as PackContent) : null,
      firstDue: await this.firstDue(trx, planId, wanted.asAt),
      budgets: await this.budgets.asAt(trx, planId, wanted.asAt),
    });
  }

  /** The plan's history fingerprint: the same while nothing about the plan changes. */
  historyVersion(trx: Db, planId: string): Promise<string> {
    return this.history.version(trx, planId);
  }

  /** What changed in the plan between the ends of two days (the earlier first). */
  async compare(trx: Db, planId: string, from: string, to: string): Promise<PlanChanges> {
    const plan = await this.plans.findPlan(trx, planId);
    if (!plan) throw new NotFoundError('There is no such plan');
    const today = this.clock.today();
    const added = plan.createdAt.slice(0, 10);
    const issues = [];
    if (from < added) {
      issues.push({
        path: 'from',
        message: `The plan was added on ${formatDate(added)}: enter that date or a later one`,
      });
    }
    if (to > today) {
      issues.push({
        path: 'to',
        message: `The second date must be today (${formatDate(today)}) or earlier`,
      });
    }
    if (from >= to) issues.push({ path: 'to', message: 'The second date must be after the first' });
    if (issues.length) throw new ValidationError(issues, 'comparison');
    const after = await this.asAt(trx, planId, to);
    if (!after)
      throw refuse('to', 'The plan had not been added yet on that date: enter a later one');
    return diffPlans(await this.asAt(trx, planId, from), after);
  }

  /** The pack as it would be published for a meeting: the draft with the meeting's sections. */
  async prepare(trx: Db, planId: string, wanted: PublishRequest): Promise<PackContent> {
    const meeting = wanted.meeting.trim();
    if (!meeting) throw refuse('meeting', 'Enter the meeting the pack is for');
    if (meeting.length > 200)
      throw refuse('meeting', 'The meeting must be 200 characters or fewer');
    const content = await this.draft(trx, planId, wanted);
    const narrative = {
      introduction: wanted.narrative.introduction.trim(),
      headlines: wanted.narrative.headlines.trim(),
      decisions: wanted.narrative.decisions.trim(),
    };
    return { ...content, narrative };
  }

  /**
   * Publishes a prepared pack for a meeting with the files made from it: content and files
   * are stored whole and never change, and the publication is recorded in the plan's history.
   * The pack was prepared when the history had `made.history` as its fingerprint; a pack is
   * drawn from the history alone, so while the fingerprint is the same the pack is too (and
   * it is not built a second time). When the plan changed meanwhile it is refused, so the
   * files always say what the stored content says.
   */
  async publish(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    wanted: PublishRequest,
    made: { content: PackContent; files: MadeFile[]; history: string },
  ): Promise<BoardPackSummary> {
    const content = made.content;
    const same =
      (await this.history.version(trx, planId)) === made.history &&
      content.asAt === wanted.asAt &&
      content.board.name.trim().toLowerCase() === wanted.board.trim().toLowerCase();
    if (!same) {
      throw new ConflictError('The plan changed while the pack was being made: publish it again');
    }
    const boards = await this.boards.boardsOfPlan(trx, planId);
    const board = boards.find((b) => b.name === content.board.name);
    const meeting = wanted.meeting.trim();
    const pack = await this.packs.insert(trx, {
      planId,
      boardId: board?.id ?? null,
      boardName: content.board.name,
      meeting,
      asAt: wanted.asAt,
      publishedAt: ctx.at,
      publishedBy: wanted.publisher,
      publishedByUserId: ctx.actorUserId ?? null,
      content: JSON.stringify(content),
    });
    await this.packs.insertFiles(
      trx,
      made.files.map((f) => ({
        packId: pack.id,
        format: f.format,
        contentType: f.type,
        fileName: f.fileName,
        bytes: f.bytes,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
      })),
    );
    await this.history.record(trx, ctx, planId, 'boardPack', pack.id, null, {
      meeting,
      board: content.board.name,
      asAt: wanted.asAt,
      publishedBy: wanted.publisher,
      files: made.files.map((f) => f.format.toUpperCase()).join(', '),
    });
    return pack;
  }

  /**
   * A published pack's file as it was stored when it was published; 'missing' when the pack
   * has files but not this one (no Chromium for the PDF then); null for a pack published
   * before files were kept, whose files are drawn from its stored content.
   */
  async publishedFile(
    trx: Db,
    planId: string,
    packId: string,
    format: string,
  ): Promise<BoardPackFileRow | 'missing' | null> {
    await this.published(trx, planId, packId);
    const file = await this.packs.findFile(trx, packId, format);
    if (file) return file;
    return (await this.packs.fileFormats(trx, packId)).length ? 'missing' : null;
  }

  /** A plan's published packs, newest day first (without their content). */
  list(trx: Db, planId: string): Promise<BoardPackSummary[]> {
    return this.packs.listForPlan(trx, planId);
  }

  /** One published pack, exactly as it was published. */
  async published(
    trx: Db,
    planId: string,
    packId: string,
  ): Promise<BoardPackSummary & { content: PackContent }> {
    const row: BoardPackRow | undefined = await this.packs.find(trx, planId, packId);
    if (!row) throw new NotFoundError('There is no such published pack');
    return { ...row, content: row.content as unknown as PackContent };
  }

  /** The plan at the end of `day`, or null when it did not exist yet. */
  async asAt(trx: Db, planId: string, day: string): Promise<Doc | null> {
    try {
      return await this.documents.exportAsAt(trx, planId, endOf(day));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Each action's due date when it was first recorded (up to the end of `day`). */
  private async firstDue(trx: Db, planId: string, day: string) {
    const rows = await this.history.firstValues(trx, planId, 'action', 'due', endOf(day));
    return new Map(rows.map((r) => [r.entityId, r.value as DocAction['due']]));
  }
}
