import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../web/server.js';

/** Council people: invitations, roles, deactivation; password reset (issue 5). */
export function registerUserAdminRoutes(_server: FastifyInstance, _context: RouteContext): void {}
