import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../lib/errors.js';
import { planAsSeen } from '../plans/plan-as-seen.js';
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
        const { doc, asAt, day, canEdit, keep } = await planAsSeen(app, trx, request, planId);
        const rec = recommendationPage(doc, planId, recId, day, canEdit, keep);
        return rec && { ...rec, asAt };
      });
      if (!page) throw new NotFoundError('This plan has no such recommendation');
      return reply.render('recommendation.njk', {
        title: `Recommendation ${page.ref}`,
        nav: 'plans',
        csrfToken: request.signedIn?.session.csrfToken,
        rec: page,
      });
    },
  );
}
