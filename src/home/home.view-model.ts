import { expectedPeriod } from '../actions/update-period.js';
import { formatDate, NO_DATE } from '../lib/format.js';
import { type Actor, leadsAction, ROLE_LABELS } from '../access/policy.js';
import type { RagStatus } from '../db/schema.js';
import { describeFuzzyDate, isOverdue } from '../lib/fuzzy-date/fuzzy-date.js';
import type { PlanListRow } from '../plans/plan.repository.js';
import type { WorkAction } from './home.repository.js';

/** How far ahead "due soon" looks. */
export const DUE_SOON_DAYS = 30;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const tag = (statuses: RagStatus[], code: string | null) => {
  const s = statuses.find((x) => x.code === code);
  return s
    ? { text: s.label, classes: `govuk-tag--${s.colour}` }
    : { text: 'No status', classes: 'govuk-tag--grey' };
};

/**
 * The home page: the person's own actions (overdue, due soon, awaiting their update this
 * month) and the plans they can see with status counts and what needs attention.
 * An action is up to date with an update in its own period: the calendar month, or a
 * recurring or ongoing action's period (actions/update-period.ts), such as its quarter.
 */
export function homePage(
  actor: Actor,
  plans: Array<PlanListRow>,
  actions: WorkAction[],
  schemes: Map<string, RagStatus[]>,
  today: string,
  /** Each action's name for people, keyed `planId/actionId`. */
  labels: Map<string, string> = new Map(),
  /** The day each plan shown in its own time is counted at (else today). */
  days: Map<string, string> = new Map(),
) {
  const monthStart = `${today.slice(0, 8)}01`;
  const dayOf = (a: WorkAction) => days.get(a.planId) ?? today;
  const planById = new Map(plans.map((p) => [p.id, p]));
  const open = (a: WorkAction) => {
    const statuses = schemes.get(a.planId) ?? [];
    return statuses.find((s) => s.code === a.status)?.category !== 'complete';
  };
  const overdue = (a: WorkAction) => open(a) && a.due !== null && isOverdue(a.due, dayOf(a));
  const dueSoon = (a: WorkAction) =>
    open(a) &&
    !overdue(a) &&
    a.dueEnd !== null &&
    a.dueEnd >= dayOf(a) &&
    a.dueEnd <= addDays(dayOf(a), DUE_SOON_DAYS);
  // Each action's own period: a recurring one's (its quarter, say), else the calendar month.
  const periodOf = (a: WorkAction) => expectedPeriod(a.due, dayOf(a));
  const awaiting = (a: WorkAction) =>
    open(a) && (a.lastUpdate ?? '') < (periodOf(a)?.start ?? `${dayOf(a).slice(0, 8)}01`);

  const row = (a: WorkAction) => {
    const plan = planById.get(a.planId);
    const href = `/plans/${a.planId}/actions/${encodeURIComponent(a.id)}`;
    return {
      planTitle: plan?.title ?? '',
      label: labels.get(`${a.planId}/${a.id}`) ?? (a.ref ? `Action ${a.ref}` : 'Action'),
      text: a.text.length > 160 ? `${a.text.slice(0, 159)}…` : a.text,
      href,
      updateHref: `${href}/updates/new`,
      due: a.due ? describeFuzzyDate(a.due) : NO_DATE,
      status: tag(schemes.get(a.planId) ?? [], a.status),
      lastUpdate: a.lastUpdate ? formatDate(a.lastUpdate) : 'Never',
      /** What is missing: "No update this quarter" for a recurring action, else the month's. */
      period: periodOf(a)?.missing ?? `No update for ${monthNameOf(dayOf(a))}`,
    };
  };

  const mine = actions.filter((a) => {
    const plan = planById.get(a.planId);
    return plan !== undefined && leadsAction(actor, plan.organisationId, a.leads);
  });

  return {
    mine: {
      count: mine.length,
      overdue: mine.filter(overdue).map(row),
      dueSoon: mine.filter(dueSoon).map(row),
      awaiting: mine.filter(awaiting).map(row),
    },
    plans: plans.map((plan) => {
      const statuses = schemes.get(plan.id) ?? [];
      const ofPlan = actions.filter((a) => a.planId === plan.id);
      const counts = [...statuses, null].map((s) => ({
        tag: tag(statuses, s?.code ?? null),
        n: ofPlan.filter((a) =>
          s ? a.status === s.code : !statuses.some((x) => x.code === a.status),
        ).length,
      }));
      const roles = actor.grants
        .filter(
          (g) =>
            g.organisationId === plan.organisationId && (g.planId === null || g.planId === plan.id),
        )
        .map((g) => ROLE_LABELS[g.role]);
      return {
        title: plan.title,
        href: `/plans/${plan.id}`,
        council: plan.organisationName,
        roles: [...new Set(roles)].join(', '),
        counts: counts.filter((c) => c.n > 0),
        overdue: ofPlan.filter(overdue).length,
        overdueHref: `/plans/${plan.id}?overdue=yes`,
        notUpdatedHref: `/plans/${plan.id}?noUpdate=yes`,
        notUpdated: ofPlan.filter(awaiting).length,
        actions: ofPlan.length,
        shownAt: days.has(plan.id) ? formatDate(days.get(plan.id)) : null,
        monthName: monthNameOf(days.get(plan.id) ?? today),
      };
    }),
    monthName: monthNameOf(monthStart),
  };
}

/** "December 2026", the month of a day. */
function monthNameOf(day: string): string {
  return new Date(`${day.slice(0, 8)}01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
