import type { FastifyInstance } from 'fastify';
import { actorOf } from '../web/guard.js';
import { homePage } from './home.view-model.js';
import type { RouteContext } from '../web/route-context.js';

/** Home: my actions (overdue, due soon, awaiting my update) and the plans I am part of. */
export function registerHomeRoutes(server: FastifyInstance, { app }: RouteContext): void {
  server.get('/', { config: { policy: 'signed-in' } }, async (request, reply) => {
    const actor = actorOf(request);
    const today = app.clock.today();
    const facts = await app.transaction((trx) => app.services.home.facts(trx, actor, today));
    const home = homePage(
      actor,
      facts.plans,
      facts.actions,
      facts.schemes,
      today,
      facts.labels,
      facts.days,
    );
    return reply.render('home.njk', { title: 'Home', nav: 'home', home });
  });
}
