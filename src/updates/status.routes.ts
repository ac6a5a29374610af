import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lead } from '../db/schema.js';
import { policy } from '../access/policy.js';
import { actionLabels } from '../actions/action-label.js';
import { actionPage } from '../actions/action.view-model.js';
import { formatDate } from '../lib/format.js';
import { NotFoundError } from '../lib/errors.js';
import { statusTag } from '../plans/plan.view-model.js';
import { redirectSaved } from '../web/banner.js';
import { statusAdvice } from './status-advice.view-model.js';
import { formErrors, formValues, serviceIssues } from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';

// Proposed statuses that wait for a manager's confirmation (a plan setting): the list of
// those waiting, and the decision on one (confirm it, or choose another status).

export function registerStatusRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };

  server.get('/plans/:planId/proposals', config, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const page = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const doc = await app.services.documents.export(trx, planId);
      const labels = actionLabels(doc);
      const advice = statusAdvice(doc, app.clock.today());
      const waiting = doc.actions
        .filter((a) => a.proposedStatus)
        .map((a) => {
          const latest = doc.updates
            .filter((u) => u.actionId === a.id && u.proposedStatus)
            .sort((x, y) => y.date.localeCompare(x.date))[0];
          const href = `/plans/${planId}/actions/${encodeURIComponent(a.id)}`;
          return {
            label: labels.get(a.id) ?? 'Action',
            href,
            decideHref: `${href}/status`,
            text: a.text.length > 160 ? `${a.text.slice(0, 159)}…` : a.text,
            status: statusTag(doc, a.status),
            proposed: statusTag(doc, a.proposedStatus),
            proposedCode: a.proposedStatus,
            advice: advice.get(a.id) ?? null,
            update: latest
              ? { date: formatDate(latest.date), author: latest.author, text: latest.text }
              : null,
          };
        });
      return { title: doc.plan.title, planHref: `/plans/${planId}`, waiting };
    });
    return reply.render('proposals.njk', {
      title: 'Statuses awaiting confirmation',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      page,
    });
  });

  server.post('/plans/:planId/actions/:actionId/status', config, async (request, reply) => {
    const { planId, actionId } = request.params as { planId: string; actionId: string };
    const { status = '', from = '' } = formValues(request, ['status', 'from']);
    const user = request.signedIn?.user;
    const refused = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      try {
        await app.services.updates.decide(
          trx,
          app.changeBy(user ?? 'unknown'),
          planId,
          actionId,
          status,
        );
        return null;
      } catch (error) {
        const issues = serviceIssues(error, {}, 'status', {
          status: 'Choose a status from the list',
        });
        if (!issues) throw error;
        return issues;
      }
    });
    const actionHref = `/plans/${planId}/actions/${encodeURIComponent(actionId)}`;
    if (refused) return showRefusal(request, reply, planId, actionId, refused);
    const back = from === 'proposals' ? `/plans/${planId}/proposals` : actionHref;
    return redirectSaved(reply, back, 'status');
  });

  /** The action page again, with what was wrong with the decision. */
  async function showRefusal(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    actionId: string,
    issues: Array<{ field: string; text: string }>,
  ) {
    const page = await app.transaction(async (trx) => {
      const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.editPlan);
      const doc = await app.services.documents.export(trx, planId);
      const leads = (doc.actions.find((a) => a.id === actionId)?.leads ?? []) as Lead[];
      const update = policy.updateAction(actor, plan, leads) === 'allow';
      const history = await app.services.history.list(trx, planId, {
        entity: 'action',
        entityId: actionId,
      });
      return actionPage(doc, planId, actionId, history, { edit: true, decide: true, update });
    });
    if (!page) throw new NotFoundError(`This plan has no action ${actionId}`);
    return reply.code(400).render('action.njk', {
      title: page.label,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      action: page,
      ...formErrors(issues),
    });
  }
}
