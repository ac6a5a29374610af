import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import type { RagStatus } from '../db/schema.js';
import { HomeRepository } from '../plans/home.repository.js';
import { homePage } from '../plans/home.view-model.js';
import { actorOf } from './guard.js';
import type { RouteContext } from './server.js';

/** Home: my actions (overdue, due soon, awaiting my update) and the plans I am part of. */
export function registerHomeRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const repository = new HomeRepository();

  server.get('/', { config: { policy: 'signed-in' } }, async (request, reply) => {
    const actor = actorOf(request);
    const page = await app.transaction(async (trx) => {
      const plans = (await app.services.plans.list(trx)).filter(
        (p) => policy.viewPlan(actor, { id: p.id, organisationId: p.organisationId }) === 'allow',
      );
      const ids = plans.map((p) => p.id);
      const schemes = new Map<string, RagStatus[]>(
        (await repository.schemesOf(trx, ids)).map((s) => [s.planId, s.statuses]),
      );
      return homePage(actor, plans, await repository.actions(trx, ids), schemes, app.clock.today());
    });
    return reply.render('home.njk', { title: 'Home', nav: 'home', home: page });
  });
}
