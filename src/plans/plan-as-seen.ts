import type { FastifyRequest } from 'fastify';
import { policy } from '../access/policy.js';
import type { AppContext } from '../composition.js';
import type { Db } from '../db/database.js';
import { type AsAt, asAtOf, keepAsAt } from '../web/as-at.js';
import { authorisePlan } from '../web/guard.js';

/**
 * A plan's page as the person sees it: after the access check, the plan today or rebuilt
 * as at the address's day (`?asAt=`, or the plan's own opening day), with whether they may
 * change it (never in the past) and how its links keep the day.
 */
export async function planAsSeen(
  app: AppContext,
  trx: Db,
  request: FastifyRequest,
  planId: string,
) {
  const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.viewPlan);
  const today = app.clock.today();
  const asAt: AsAt = asAtOf(request.query, today, `/plans/${planId}`, plan.openAsAt ?? null);
  const doc = asAt.at
    ? await app.services.documents.exportAsAt(trx, planId, asAt.at)
    : await app.services.documents.export(trx, planId);
  return {
    actor,
    plan,
    asAt,
    doc,
    /** The day the page is about. */
    day: asAt.day ?? today,
    canEdit: !asAt.day && policy.editPlan(actor, plan) === 'allow',
    keep: (href: string) => keepAsAt(href, asAt),
  };
}
