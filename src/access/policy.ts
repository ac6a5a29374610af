import type { Lead, Role } from '../db/schema.js';

// Who may do what. Every route handler and CLI command starts with one of these checks; they are
// pure functions over the person's live memberships, tested on their own (policy.test.ts).

export const ROLES: readonly Role[] = [
  'administrator',
  'plan-manager',
  'action-lead',
  'viewer',
  'adviser',
] as const;

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  'plan-manager': 'Plan manager',
  'action-lead': 'Action lead',
  viewer: 'Board member or viewer',
  adviser: 'External adviser',
};

/** One live role: expired memberships never reach a policy. */
export interface Grant {
  organisationId: string;
  role: Role;
  /** Null: every plan of the council. */
  planId: string | null;
  leadNames: string[];
}

export interface Actor {
  userId: string;
  name: string;
  grants: Grant[];
  /** When the first of these roles ends (an adviser's end date), if any does. */
  until?: string | null;
}

export interface PlanScope {
  id: string;
  organisationId: string;
}

/**
 * allow: go ahead. forbidden: a member of this council without the right (403).
 * not-found: nothing of this council may be revealed to this person (404, as if it did not exist).
 */
export type Decision = 'allow' | 'forbidden' | 'not-found';

function rolesIn(actor: Actor, organisationId: string, planId?: string): Set<Role> {
  return new Set(
    actor.grants
      .filter(
        (g) =>
          g.organisationId === organisationId &&
          (g.planId === null || (planId !== undefined && g.planId === planId)),
      )
      .map((g) => g.role),
  );
}

/** Plan-scoped: someone who cannot see the plan learns nothing of it (404); a viewer is refused (403). */
function decidePlan(actor: Actor, plan: PlanScope, allowed: Role[]): Decision {
  const roles = rolesIn(actor, plan.organisationId, plan.id);
  if (allowed.some((r) => roles.has(r))) return 'allow';
  return roles.size > 0 ? 'forbidden' : 'not-found';
}

/** Council-scoped: only council-wide roles count; other councils' people get a 404. */
function decideCouncil(actor: Actor, organisationId: string, allowed: Role[]): Decision {
  const roles = rolesIn(actor, organisationId);
  if (allowed.some((r) => roles.has(r))) return 'allow';
  return isMemberOf(actor, organisationId) ? 'forbidden' : 'not-found';
}

/** A person with any role in the council (an adviser of one plan still knows the council). */
export function isMemberOf(actor: Actor, organisationId: string): boolean {
  return actor.grants.some((g) => g.organisationId === organisationId);
}

/** The names a person answers for as an action lead in a council: their own and any role titles. */
export function leadNamesOf(actor: Actor, organisationId: string): string[] {
  const names = actor.grants
    .filter((g) => g.organisationId === organisationId)
    .flatMap((g) => g.leadNames);
  return [actor.name, ...names];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Whether the action names this person (or a role title they answer for) among its leads. */
export function leadsAction(actor: Actor, organisationId: string, leads: Lead[]): boolean {
  const mine = new Set(leadNamesOf(actor, organisationId).map(norm));
  return leads.some((lead) => mine.has(norm(lead.name)));
}

export const policy = {
  /** See a plan and everything in it; advisers only the plans they were given. */
  viewPlan: (actor: Actor, plan: PlanScope): Decision => decidePlan(actor, plan, [...ROLES]),

  /** Change the plan's structure and content, settings and rounds. */
  editPlan: (actor: Actor, plan: PlanScope): Decision => decidePlan(actor, plan, ['plan-manager']),

  /** Give an update on an action: its plan's managers, or a lead the action names. */
  updateAction: (actor: Actor, plan: PlanScope, leads: Lead[]): Decision => {
    const roles = rolesIn(actor, plan.organisationId, plan.id);
    if (roles.has('plan-manager')) return 'allow';
    if (roles.has('action-lead') && leadsAction(actor, plan.organisationId, leads)) return 'allow';
    return roles.size > 0 ? 'forbidden' : 'not-found';
  },

  /** Give updates in the plan at all (a lead's page for a round): its managers and action leads. */
  giveUpdates: (actor: Actor, plan: PlanScope): Decision =>
    decidePlan(actor, plan, ['plan-manager', 'action-lead']),

  /** See who changed what: the plan's managers and the council's administrators. */
  viewPlanAudit: (actor: Actor, plan: PlanScope): Decision =>
    decidePlan(actor, plan, ['plan-manager', 'administrator']),

  /** Import or create a plan for the council. */
  createPlan: (actor: Actor, organisationId: string): Decision =>
    decideCouncil(actor, organisationId, ['plan-manager', 'administrator']),

  /** Invite people, change roles, deactivate, configure sign-in, see the council's access log. */
  manageCouncil: (actor: Actor, organisationId: string): Decision =>
    decideCouncil(actor, organisationId, ['administrator']),
};
