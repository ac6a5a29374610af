import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../web/server.js';

/** Editing a plan's structure and content, and its settings (issue 4). */
export function registerPlanEditRoutes(_server: FastifyInstance, _context: RouteContext): void {}
