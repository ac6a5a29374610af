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
import { decisionConflict } from './status-decision-conflict.js';
import { decisionForm } from './status-decision.js';
import { EditConflict } from '../plans/content/edit-version.js';
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
            decide: decisionForm(a),
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
    const sent = formValues(request, ['status', 'from', 'version', 'original']);
    const { status = '', from = '' } = sent;
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
          sent.version ? { version: sent.version } : {},
        );
        return null;
      } catch (error) {
        if (error instanceof EditConflict) return error;
        const issues = serviceIssues(error, {}, 'status', {
          status: 'Choose a status from the list',
        });
        if (!issues) throw error;
        return issues;
      }
    });
    const actionHref = `/plans/${planId}/actions/${encodeURIComponent(actionId)}`;
    if (refused instanceof EditConflict) {
      return showRefusal(request, reply, planId, actionId, [], { refused, sent, status });
    }
    if (refused) return showRefusal(request, reply, planId, actionId, refused);
    const back = from === 'proposals' ? `/plans/${planId}/proposals` : actionHref;
    return redirectSaved(reply, back, 'status');
  });

  /**
   * The action page again, with what was wrong with the decision; or, when someone else
   * decided (or a new proposal came) after this person's page was read, what they changed and
   * the decision form at the version saved now, holding this person's choice (409).
   */
  async function showRefusal(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    actionId: string,
    issues: Array<{ field: string; text: string }>,
    stale?: { refused: EditConflict; sent: Record<string, string>; status: string },
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
      const page = actionPage(doc, planId, actionId, history, {
        edit: true,
        decide: true,
        update,
      });
      if (!page || !stale) return page ? { page, conflict: null } : null;
      const label = (code: string) =>
        doc.ragScheme.statuses.find((s) => s.code === code)?.label ?? code;
      const again = decisionConflict(stale.refused, stale.sent.original, stale.status, label);
      return {
        page: {
          ...page,
          // The form again, even with nothing waiting now, so this person can still apply theirs.
          decideHref: `/plans/${planId}/actions/${encodeURIComponent(actionId)}/status`,
          decide: { version: again.form.version, original: again.form.original },
          proposedCode: again.form.status,
        },
        conflict: again.rows,
      };
    });
    if (!page) throw new NotFoundError(`This plan has no action ${actionId}`);
    return reply.code(page.conflict ? 409 : 400).render('action.njk', {
      title: page.page.label,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      action: page.page,
      conflict: page.conflict,
      ...formErrors(issues),
    });
  }
}
