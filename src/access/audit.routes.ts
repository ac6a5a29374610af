import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../web/server.js';

/** The audit trail: who changed what, when (issue 5). */
export function registerAuditRoutes(_server: FastifyInstance, _context: RouteContext): void {}
