import type { FastifyInstance } from 'fastify';
import type { RouteContext } from './server.js';

/** Home: where a signed-in person starts. */
export function registerHomeRoutes(server: FastifyInstance, _context: RouteContext): void {
  server.get('/', { config: { policy: 'public' } }, (request, reply) =>
    reply.redirect(request.signedIn ? '/plans' : '/sign-in'),
  );
}
