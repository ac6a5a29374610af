import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { NotFoundError } from '../lib/errors.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { recommendationPage } from './recommendation.view-model.js';

/** A recommendation's page: its text, its actions and how they stand. */
export function registerRecommendationRoutes(server: FastifyInstance, { app }: RouteContext): void {
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
}
