import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../web/server.js';

/** Import: upload a document, review the draft and its warnings, confirm (issue 4). */
export function registerImportRoutes(_server: FastifyInstance, _context: RouteContext): void {}
