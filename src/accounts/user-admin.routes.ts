import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../web/server.js';
import { registerCouncilPeopleRoutes } from './council-people.routes.js';
import { registerPasswordLinkRoutes } from './password-link.routes.js';

/** Council people: invitations, roles, deactivation; password reset (issue 5). */
export function registerUserAdminRoutes(server: FastifyInstance, context: RouteContext): void {
  registerCouncilPeopleRoutes(server, context);
  registerPasswordLinkRoutes(server, context);
}
