import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { NotFoundError } from '../lib/errors.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/server.js';
import { loadForEdit, registerContentEditRoutes } from './content-edit.routes.js';
import { registerContentRemoveRoutes } from './content-remove.routes.js';
import { planEditPage } from './plan-edit.view-model.js';
import { recommendationPage } from './recommendation.view-model.js';
import { registerSettingsRoutes } from './settings.routes.js';

/** Editing a plan's structure and content, and its settings (issue 4). */
export function registerPlanEditRoutes(server: FastifyInstance, context: RouteContext): void {
  const { app } = context;

  server.get(
    '/plans/:planId/recommendations/:recId',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId, recId } = request.params as { planId: string; recId: string };
      const page = await app.transaction(async (trx) => {
        const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.viewPlan);
        const doc = await app.services.documents.export(trx, planId);
        const canEdit = policy.editPlan(actor, plan) === 'allow';
        return recommendationPage(doc, planId, recId, app.clock.today(), canEdit);
      });
      if (!page) throw new NotFoundError(`This plan has no recommendation ${recId}`);
      return reply.render('recommendation.njk', {
        title: `Recommendation ${page.ref}`,
        nav: 'plans',
        csrfToken: request.signedIn?.session.csrfToken,
        rec: page,
      });
    },
  );

  server.get('/plans/:planId/edit', { config: { policy: 'editPlan' } }, async (request, reply) => {
    const { planId, doc } = await loadForEdit(app, request);
    return reply.render('plan-edit.njk', {
      title: 'Edit this plan',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      page: planEditPage(doc, planId),
    });
  });

  registerContentEditRoutes(server, context);
  registerContentRemoveRoutes(server, context);
  registerSettingsRoutes(server, context);
}
