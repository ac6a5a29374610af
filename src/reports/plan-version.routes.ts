import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { formErrors, serviceIssues } from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { changesView } from './board-pack.view-model.js';
import { wordDiff } from './word-diff.js';

// A plan's approved versions (recorded with g2g plan approve): the list, and any version
// compared with the one before it or with the plan now, reworded words marked.

export function registerPlanVersionRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const view = { config: { policy: 'viewPlan' as const } };
  const compareHref = (planId: string, from: string, to?: string) =>
    `/plans/${planId}/versions/compare?${new URLSearchParams(to ? { from, to } : { from }).toString()}`;

  server.get('/plans/:planId/versions', view, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const { title, versions } = await app.transaction(async (trx) => ({
      title: (await app.services.plans.get(trx, planId)).plan.title,
      versions: await app.services.versions.list(trx, planId),
    }));
    return reply.render('plan-versions.njk', {
      title: 'Versions of the plan',
      nav: 'plans',
      planTitle: title,
      backHref: `/plans/${planId}`,
      versions: versions.map((v, i) => ({
        name: v.name,
        approved: `${v.approvedBy}, ${formatDate(v.approvedOn)}`,
        recorded: `${formatDateTime(v.recordedAt)} by ${v.recordedBy}`,
        nowHref: compareHref(planId, v.name),
        beforeHref: i > 0 ? compareHref(planId, versions[i - 1]?.name ?? '', v.name) : null,
      })),
    });
  });

  server.get('/plans/:planId/versions/compare', view, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const query = request.query as { from?: string; to?: string };
    const { title, result, issues } = await app.transaction(async (trx) => {
      const title = (await app.services.plans.get(trx, planId)).plan.title;
      try {
        const result = await app.services.versions.compare(
          trx,
          planId,
          query.from ?? '',
          query.to?.trim() ? query.to : null,
        );
        return { title, result, issues: [] };
      } catch (error) {
        const refused = serviceIssues(error, { from: 'from', to: 'to' }, 'from');
        if (!refused) throw error;
        return { title, result: null, issues: refused };
      }
    });
    return reply.code(issues.length ? 400 : 200).render('plan-version-compare.njk', {
      title: 'Compare versions of the plan',
      nav: 'plans',
      ...formErrors(issues),
      planTitle: title,
      backHref: `/plans/${planId}/versions`,
      heading: result ? `From ${result.from.label} to ${result.to.label}` : null,
      recommendations: result && {
        ...result.recommendations,
        reworded: result.recommendations.reworded.map((r) => ({
          ...r,
          words: wordDiff(r.from, r.to),
        })),
      },
      ch: result && changesView(result.changes),
    });
  });
}
