import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { type DateParts, dateInputParams, dateParts, isoFromParts } from '../lib/date-parts.js';
import { formatDate } from '../lib/format.js';
import { monthBefore } from '../plans/plan-summary.view-model.js';
import { isRealDay } from '../web/as-at.js';
import { type FormIssue, formErrors, serviceIssues } from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { changesView } from './board-pack.view-model.js';
import type { PlanChanges } from './pack.types.js';

// Plan versions compared: what changed between the ends of two days (or two published
// packs' days), rebuilt from the plan's history, as a page.

type Query = Record<string, string | undefined>;

/** One of the page's two days: from its date input, or from=YYYY-MM-DD in a link. */
function dayOf(
  query: Query,
  name: 'from' | 'to',
  fallback: string,
): { iso: string | null; parts: DateParts; issue: FormIssue | null } {
  const typed = {
    day: query[`${name}-day`] ?? '',
    month: query[`${name}-month`] ?? '',
    year: query[`${name}-year`] ?? '',
  };
  const sent = query[name];
  if (!typed.day && !typed.month && !typed.year) {
    const iso = sent && isRealDay(sent) ? sent : fallback;
    return { iso, parts: dateParts(iso), issue: null };
  }
  const iso = isoFromParts(typed);
  return iso
    ? { iso, parts: typed, issue: null }
    : {
        iso: null,
        parts: typed,
        issue: {
          field: name,
          text: `The ${name === 'from' ? 'first' : 'second'} date must be a real date, like 30 4 2018`,
        },
      };
}

export function registerPlanChangesRoutes(server: FastifyInstance, { app }: RouteContext): void {
  server.get(
    '/plans/:planId/changes',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const { plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
      const query = request.query as Query;
      const today = plan.openAsAt ?? app.clock.today();
      const from = dayOf(query, 'from', monthBefore(today));
      const to = dayOf(query, 'to', today);
      const issues: FormIssue[] = [from.issue, to.issue].filter((i): i is FormIssue => i !== null);
      const { title, changes } = await app.transaction(async (trx) => {
        const title = (await app.services.plans.get(trx, planId)).plan.title;
        if (issues.length || !from.iso || !to.iso) return { title, changes: null };
        try {
          return {
            title,
            changes: await app.services.packs.compare(trx, planId, from.iso, to.iso),
          };
        } catch (error) {
          const refused = serviceIssues(error, { from: 'from', to: 'to' }, 'to');
          if (!refused) throw error;
          issues.push(...refused);
          return { title, changes: null as PlanChanges | null };
        }
      });
      const errors = formErrors(issues, { from: 'from-day', to: 'to-day' });
      return reply.code(issues.length ? 400 : 200).render('plan-changes-page.njk', {
        title: 'What changed in the plan',
        nav: 'plans',
        ...errors,
        planTitle: title,
        backHref: `/plans/${planId}`,
        fromInput: dateInputParams('from', 'From the end of', from.parts, {
          error: errors.fieldErrors.from,
        }),
        toInput: dateInputParams('to', 'To the end of', to.parts, { error: errors.fieldErrors.to }),
        heading:
          changes && from.iso && to.iso
            ? `Between ${formatDate(from.iso)} and ${formatDate(to.iso)}`
            : null,
        ch: changes && changesView(changes),
      });
    },
  );
}
