import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../composition.js';
import type { Db } from '../db/database.js';
import { type Actor, type Decision, type PlanScope } from '../access/policy.js';
import { AppError, ForbiddenError, NotFoundError } from '../lib/errors.js';
import type { PlanScopeRow } from '../plans/plan.service.js';

// The one explicit check at the top of every handler. Routes also declare their policy by
// name (config.policy); the server refuses to register a route without one, and the route
// table test (access/routes.test.ts) walks every route as every role.

/** The names a route may declare; each handler's first lines apply the matching check. */
export type RoutePolicy =
  | 'public'
  | 'signed-in'
  | 'viewPlan'
  | 'editPlan'
  | 'updateAction'
  | 'viewPlanAudit'
  | 'createPlan'
  | 'manageCouncil';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

/** Thrown when the visitor must sign in first; the server turns it into a redirect. */
export class SignInRequired extends AppError {}

/** The signed-in person, or SignInRequired. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new SignInRequired('Sign in to see this page');
  return request.actor;
}

/** Turns a policy decision into the response's outcome: carry on, 404 or 403. */
export function enforce(decision: Decision, what = 'this page'): void {
  if (decision === 'not-found') throw new NotFoundError(`There is no such ${what}`);
  if (decision === 'forbidden') {
    throw new ForbiddenError(
      `Your role does not let you do this. Ask your plan manager if you need to.`,
    );
  }
}

/** Loads the plan's council and applies a plan-scoped policy. Unknown or foreign plans are 404s. */
export async function authorisePlan(
  app: AppContext,
  trx: Db,
  request: FastifyRequest,
  planId: string,
  check: (actor: Actor, plan: PlanScope) => Decision,
): Promise<{ actor: Actor; plan: PlanScopeRow }> {
  const actor = actorOf(request);
  const plan = await app.services.plans.scope(trx, planId);
  if (!plan) throw new NotFoundError('There is no such plan');
  enforce(check(actor, plan), 'plan');
  return { actor, plan };
}
