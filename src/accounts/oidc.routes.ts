import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../web/server.js';

/** Single sign-on with a council's OpenID Connect provider (issue 5). */
export function registerOidcRoutes(_server: FastifyInstance, _context: RouteContext): void {}
