import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../../web/route-context.js';
import { loadForEdit, registerContentEditRoutes } from './content-edit.routes.js';
import { registerContentRemoveRoutes } from './content-remove.routes.js';
import { planEditPage } from './plan-edit.view-model.js';

/** Editing a plan's structure and content, and its settings (issue 4). */
export function registerPlanEditRoutes(server: FastifyInstance, context: RouteContext): void {
  const { app } = context;

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
}
