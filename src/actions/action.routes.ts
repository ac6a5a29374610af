import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { RevisionCache } from '../db/write-epoch.js';
import { NotFoundError } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { asAtOf, keepAsAt } from '../web/as-at.js';
import { actionPage, type ActionRights } from './action.view-model.js';
import { statusAdvice } from '../updates/status-advice.view-model.js';
import { slippageByAction, slippageView } from './slippage.js';
import { missingPeriodUpdates } from './update-period.js';

/** The action page: what it is, who leads it, when it is due, its updates and its history. */
export function registerActionRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const actionPages = new RevisionCache<ReturnType<typeof actionPage>>(500);

  server.get(
    '/plans/:planId/actions/:actionId',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId, actionId } = request.params as { planId: string; actionId: string };
      const { actor, plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
      const today = app.clock.today();
      const asAt = asAtOf(request.query, today, `/plans/${planId}`, plan.openAsAt ?? null);
      // In the past, nothing can be changed.
      const edit = !asAt.day && policy.editPlan(actor, plan) === 'allow';
      // Kept while the council's revision stands, per what the reader may do; whether they
      // may update it depends on the action's leads.
      const key = JSON.stringify([planId, actionId, today, actor.userId, edit, asAt]);
      let page = actionPages.get(key, plan.revision);
      if (page === undefined) {
        page = await app.transaction(async (trx) => {
          // Today: the plan with this action's updates only (the page shows no others).
          const doc = asAt.at
            ? await app.services.documents.exportAsAt(trx, planId, asAt.at)
            : await app.services.documents.export(trx, planId, { updatesOf: [actionId] });
          const action = doc.actions.find((a) => a.id === actionId);
          const history = await app.services.history.list(trx, planId, {
            entity: 'action',
            entityId: actionId,
            ...(asAt.at ? { until: asAt.at } : {}),
          });
          const can: ActionRights = {
            edit,
            decide: edit,
            update:
              !asAt.day && !!action && policy.updateAction(actor, plan, action.leads) === 'allow',
          };
          const page = actionPage(doc, planId, actionId, history, can, (href) =>
            keepAsAt(href, asAt),
          );
          // In the open update round (today only): whether this action has its update yet.
          const open = asAt.at ? null : await app.services.rounds.state(trx, planId);
          const round =
            open && open.covered.has(actionId)
              ? {
                  text: open.updated.has(actionId)
                    ? `Updated this round (${open.round.name})`
                    : `${open.round.name}: leads’ deadline ${formatDate(open.round.deadline)}`,
                  missing: !open.updated.has(actionId),
                }
              : null;
          const advice = statusAdvice(doc, asAt.day ?? today).get(actionId) ?? null;
          const own = slippageByAction(history).get(actionId);
          // Today only: an earlier imported version's due date (as that version now stands).
          const slippage = slippageView(
            action && !asAt.at
              ? await app.services.versionSlippage.slippage(trx, planId, own, {
                  ref: action.ref ?? null,
                  text: action.text,
                  due: typeof action.due === 'object' ? action.due : null,
                })
              : own,
          );
          const periodMissing = missingPeriodUpdates(doc, asAt.day ?? today).get(actionId) ?? null;
          return page && { ...page, asAt, round, advice, slippage, periodMissing };
        });
        actionPages.set(key, plan.revision, page);
      }
      if (!page) throw new NotFoundError('This plan has no such action');
      return reply.renderKept(
        'action.njk',
        {
          title: page.label,
          nav: 'plans',
          csrfToken: request.signedIn?.session.csrfToken,
          action: page,
        },
        page,
      );
    },
  );
}
