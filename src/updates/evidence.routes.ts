import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { NotFoundError } from '../lib/errors.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { attachmentHeader } from './evidence-file.js';

/** A file given as evidence, for anyone who may see its plan; always a download, never a page. */
export function registerEvidenceRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const evidence = app.services.updates;

  server.get(
    '/plans/:planId/evidence/:fileId',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId, fileId } = request.params as { planId: string; fileId: string };
      const file = await app.transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.viewPlan);
        return evidence.find(trx, planId, fileId);
      });
      if (!file) throw new NotFoundError('There is no such file');
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.bytes));
    },
  );
}
