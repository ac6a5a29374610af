import type { Db } from '../db/database.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { validate } from '../lib/validate.js';
import type { PlanRepository, PlanRow } from '../plans/plan.repository.js';
import type { BoardRepository, BoardRow } from './board.repository.js';
import { boardSchema } from './board.schema.js';

/** The boards that oversee a plan: adding one (the council's board of that name) and removing one. */
export class BoardService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly boards: BoardRepository,
    private readonly history: HistoryService,
  ) {}

  /** Adds a board that oversees the plan (the council's board of that name, created if new). */
  async add(trx: Db, ctx: ChangeContext, planId: string, input: unknown): Promise<BoardRow> {
    const plan = await this.findPlan(trx, planId);
    const board = validate(boardSchema, input, 'board');
    const boards = await this.boards.boardsOfPlan(trx, planId);
    const name = board.name.trim().toLowerCase();
    if (boards.some((b) => b.name.trim().toLowerCase() === name)) {
      throw new ConflictError(`This plan already has a board called ${board.name}`);
    }
    const row = await this.boards.upsertBoard(trx, plan.organisationId, board);
    await this.boards.linkBoard(trx, planId, row.id, boards.length);
    const state = { name: row.name, cadence: row.cadence, chair: row.chair };
    await this.history.record(trx, ctx, planId, 'board', row.id, null, {
      ...state,
      position: boards.length,
    });
    return row;
  }

  /** Stops a board overseeing the plan; the boards after it move up one place. */
  async remove(trx: Db, ctx: ChangeContext, planId: string, boardId: string): Promise<void> {
    await this.findPlan(trx, planId);
    const boards = await this.boards.boardsOfPlan(trx, planId);
    const index = boards.findIndex((b) => b.id === boardId);
    const removed = boards[index];
    if (!removed) throw new NotFoundError('This plan has no such board');
    await this.boards.unlinkBoards(trx, planId);
    const state = (b: BoardRow, position: number) => ({
      name: b.name,
      cadence: b.cadence,
      chair: b.chair,
      position,
    });
    await this.history.record(trx, ctx, planId, 'board', removed.id, state(removed, index), null);
    for (const [position, b] of boards.filter((b) => b.id !== boardId).entries()) {
      await this.boards.linkBoard(trx, planId, b.id, position);
      const before = boards.indexOf(b);
      if (before !== position) {
        await this.history.record(
          trx,
          ctx,
          planId,
          'board',
          b.id,
          state(b, before),
          state(b, position),
        );
      }
    }
  }

  private async findPlan(trx: Db, planId: string): Promise<PlanRow> {
    const plan = await this.plans.findPlan(trx, planId);
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    return plan;
  }
}
