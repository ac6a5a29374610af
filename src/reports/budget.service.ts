import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { ChangeContext, HistoryService } from '../history/history.service.js';
import { NotFoundError } from '../lib/errors.js';
import { EditConflict } from '../plans/content/edit-version.js';
import { validate } from '../lib/validate.js';
import type { PlanRepository } from '../plans/plan.repository.js';
import type { BudgetRepository } from './budget.repository.js';

/** A year's budget: what the plan may spend in a financial year, in pence. */
export interface Budget {
  financialYear: string;
  amountPence: number;
}

export const BUDGET_MESSAGES = {
  year: 'Enter the financial year as two consecutive years, like 2026/27',
  amount: 'Enter the budget in pounds, like 250,000 or 1200.50',
};

const budgetSchema = z.strictObject({
  financialYear: z
    .string()
    .trim()
    .regex(/^\d{4}\/\d{2}$/, BUDGET_MESSAGES.year)
    .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), BUDGET_MESSAGES.year),
  /** Null removes the year's budget. */
  amountPence: z
    .number()
    .int(BUDGET_MESSAGES.amount)
    .min(0, BUDGET_MESSAGES.amount)
    .max(1e13)
    .nullable(),
});

const endOf = (day: string) => `${day}T23:59:59.999Z`;

/** A plan's budgets by financial year, each change recorded in its history (entity 'budget'). */
export class BudgetService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly budgets: BudgetRepository,
    private readonly history: HistoryService,
  ) {}

  async list(trx: Db, planId: string): Promise<Budget[]> {
    const rows = await this.budgets.list(trx, planId);
    return rows.map((r) => ({ financialYear: r.financialYear, amountPence: r.amountPence }));
  }

  /** Sets (or, with a null amount, removes) one year's budget. */
  async set(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    input: { financialYear: string; amountPence: number | null },
    /**
     * The budgets the form showed (year → pence): a year whose budget someone changed since
     * is refused (EditConflict), so their figure is never silently replaced.
     */
    options: { shown?: Record<string, number | null> } = {},
  ): Promise<void> {
    // The plan's row, locked, makes two saves of its budget wait for each other.
    if (!(await this.plans.findPlan(trx, planId, { lock: true }))) {
      throw new NotFoundError(`There is no plan with the id ${planId}`);
    }
    const { financialYear, amountPence } = validate(budgetSchema, input, 'budget');
    const had = (await this.list(trx, planId)).find((b) => b.financialYear === financialYear);
    const now = had?.amountPence ?? null;
    if (options.shown !== undefined && (options.shown[financialYear] ?? null) !== now) {
      throw new EditConflict(
        { planId, id: financialYear, position: 0, financialYear, amountPence: now },
        'budget',
      );
    }
    if ((had?.amountPence ?? null) === amountPence) return;
    if (amountPence === null) await this.budgets.remove(trx, planId, financialYear);
    else await this.budgets.set(trx, { planId, financialYear, amountPence });
    await this.history.record(
      trx,
      ctx,
      planId,
      'budget',
      financialYear,
      had ? { ...had } : null,
      amountPence === null ? null : { financialYear, amountPence },
    );
  }

  /** The budgets as they stood at the end of `day`, from the plan's history. */
  async asAt(trx: Db, planId: string, day: string): Promise<Budget[]> {
    const rows = await this.history.list(trx, planId, { entity: 'budget', until: endOf(day) });
    const latest = new Map<string, Budget | null>();
    for (const r of rows) latest.set(r.entityId, (r.after as Budget | null) ?? null);
    return [...latest.values()]
      .filter((b): b is Budget => b !== null)
      .sort((a, b) => a.financialYear.localeCompare(b.financialYear));
  }
}
