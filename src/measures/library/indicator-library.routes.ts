import type { FastifyInstance, FastifyRequest } from 'fastify';
import { policy } from '../../access/policy.js';
import type { AppContext } from '../../composition.js';
import type { Db } from '../../db/database.js';
import { NotFoundError } from '../../lib/errors.js';
import { redirectSaved } from '../../web/banner.js';
import { SignInRequired, authorisePlan } from '../../web/guard.js';
import type { RouteContext } from '../../web/route-context.js';
import { indicatorOf, measureFrom } from './indicator-library.js';
import { libraryPage } from './indicator-library.view-model.js';

// The library of standard indicators: a plan manager adds one to the plan as a measure and
// adapts it in the measure form. An indicator the plan already has (by its name) is not
// added twice, so sending "Add to this plan" again leads to the same measure.

type Params = { planId: string; key?: string };

export function registerIndicatorLibraryRoutes(
  server: FastifyInstance,
  { app }: RouteContext,
): void {
  const base = '/plans/:planId/indicators';
  const edit = { config: { policy: 'editPlan' as const } };

  server.get(base, edit, async (request, reply) => {
    const { planId } = request.params as Params;
    const doc = await app.transaction((trx) => load(app, trx, request, planId));
    return reply.render('indicator-library.njk', {
      title: 'Standard indicators',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      library: libraryPage(doc, planId),
    });
  });

  server.post(`${base}/:key`, edit, async (request, reply) => {
    const { planId, key = '' } = request.params as Params;
    const user = request.signedIn?.user;
    if (!user) throw new SignInRequired('Sign in to add an indicator');
    const measureId = await app.transaction(async (trx) => {
      const doc = await load(app, trx, request, planId);
      const indicator = indicatorOf(key);
      if (!indicator) throw new NotFoundError('The library has no such indicator');
      const held = doc.measures.find((m) => m.name === indicator.name);
      if (held) return held.id;
      const input = measureFrom(indicator);
      const row = await app.services.content.add(trx, app.changeBy(user), planId, 'measure', input);
      return String(row.id);
    });
    return redirectSaved(
      reply,
      `/plans/${planId}/measures/${encodeURIComponent(measureId)}/edit`,
      'indicator',
    );
  });
}

async function load(app: AppContext, trx: Db, request: FastifyRequest, planId: string) {
  await authorisePlan(app, trx, request, planId, policy.editPlan);
  return app.services.documents.export(trx, planId);
}
