import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../access/policy.js';
import { parsePounds } from '../plans/content/form-fields.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, readForm, serviceIssues } from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { BUDGET_MESSAGES } from './budget.service.js';
import { pounds } from './board-pack.view-model.js';
import { budgetConflict, sentBudgets, shownBudgets } from './budget-conflict.js';
import { EditConflict } from '../plans/content/edit-version.js';
import type { ConflictRow } from '../web/edit-conflict.js';

// A plan's budget by financial year, which its board packs set the costs against
// (plan managers set it; each change is in the plan's history).

const budgetForm = z.object({
  financialYear: z.string().trim().min(1, BUDGET_MESSAGES.year),
  amount: z
    .string()
    .refine((v) => v.trim() === '' || parsePounds(v) !== null, BUDGET_MESSAGES.amount),
});

export function registerBudgetRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const edit = { config: { policy: 'editPlan' as const } };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    issues: FormIssue[] = [],
    sent: Record<string, string> = {},
    /** When refused because someone else set the year since: what they set. */
    conflict: ConflictRow[] | null = null,
  ) {
    const { title, budgets } = await app.transaction(async (trx) => ({
      title: (await app.services.plans.get(trx, planId)).plan.title,
      budgets: await app.services.budgets.list(trx, planId),
    }));
    const code = conflict ? 409 : issues.length ? 400 : 200;
    return reply.code(code).render('plan-budget.njk', {
      title: 'Budget by financial year',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(issues),
      planTitle: title,
      backHref: `/plans/${planId}/pack`,
      action: `/plans/${planId}/budget`,
      rows: budgets.map((b) => [{ text: b.financialYear }, { text: pounds(b.amountPence) }]),
      values: sent,
      // What this page shows, sent back with the form (kept as sent when shown for a mistake).
      shown: issues.length && sent.shown ? sent.shown : shownBudgets(budgets),
      conflict,
    });
  }

  server.get('/plans/:planId/budget', edit, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    await authorisePlan(app, app.db, request, planId, policy.editPlan);
    return page(request, reply, planId);
  });

  server.post('/plans/:planId/budget', edit, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    await authorisePlan(app, app.db, request, planId, policy.editPlan);
    const sent = formValues(request, ['financialYear', 'amount', 'shown']);
    const shown = {
      financialYear: sent.financialYear ?? '',
      amount: sent.amount ?? '',
      shown: sent.shown ?? '',
    };
    const read0 = sentBudgets(sent.shown);
    const read = readForm(budgetForm, sent);
    if (!read.ok) return page(request, reply, planId, read.issues, shown);
    const amount = read.value.amount.trim();
    try {
      await app.transaction((trx) =>
        app.services.budgets.set(
          trx,
          app.changeBy(request.signedIn?.user ?? 'unknown'),
          planId,
          {
            financialYear: read.value.financialYear,
            amountPence: amount === '' ? null : parsePounds(amount),
          },
          read0 ? { shown: read0 } : {},
        ),
      );
    } catch (error) {
      if (error instanceof EditConflict && read0) {
        const conflict = budgetConflict(error, read0, amount);
        const again = { ...shown, financialYear: String(error.current.financialYear) };
        return page(request, reply, planId, [], again, conflict);
      }
      const refused = serviceIssues(
        error,
        { financialYear: 'financialYear', amountPence: 'amount' },
        'amount',
      );
      if (!refused) throw error;
      return page(request, reply, planId, refused, shown);
    }
    return redirectSaved(reply, `/plans/${planId}/budget`, 'budget');
  });
}
