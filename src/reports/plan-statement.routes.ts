import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { PdfUnavailable } from './pack-pdf.js';
import { STATEMENT_FORMATS, statementFile } from './plan-statement-files.js';

// The plan as its statement of action, for plan managers to send to Ofsted: Word and PDF.

export function registerPlanStatementRoutes(
  server: FastifyInstance,
  { app, renderPartial }: RouteContext,
): void {
  server.get(
    '/plans/:planId/statement-of-action.:ext',
    { config: { policy: 'editPlan' } },
    async (request, reply) => {
      const { planId, ext } = request.params as { planId: string; ext: string };
      await authorisePlan(app, app.db, request, planId, policy.editPlan);
      const format = STATEMENT_FORMATS.find((f) => f.ext === ext);
      if (!format) return reply.redirect(`/plans/${planId}`, 303);
      const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
      try {
        const file = await statementFile(format.ext, doc, app.clock.today(), {
          render: renderPartial,
          chromiumPath: app.config.chromiumPath,
        });
        return reply
          .header('content-type', file.type)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(file.bytes);
      } catch (error) {
        if (!(error instanceof PdfUnavailable)) throw error;
        return reply.code(503).render('error.njk', {
          title: 'The PDF cannot be made on this server',
          heading: 'The PDF cannot be made on this server',
          message: error.message,
        });
      }
    },
  );
}
