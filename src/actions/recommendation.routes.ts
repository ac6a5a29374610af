import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { NotFoundError } from '../lib/errors.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { asAtOf, keepAsAt } from '../web/as-at.js';
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
        const today = app.clock.today();
        const asAt = asAtOf(request.query, today, `/plans/${planId}`, plan.openAsAt ?? null);
        const doc = asAt.at
          ? await app.services.documents.exportAsAt(trx, planId, asAt.at)
          : await app.services.documents.export(trx, planId);
        // In the past, nothing can be changed.
        const canEdit = !asAt.day && policy.editPlan(actor, plan) === 'allow';
        const keep = (href: string) => keepAsAt(href, asAt);
        const rec = recommendationPage(doc, planId, recId, asAt.day ?? today, canEdit, keep);
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
