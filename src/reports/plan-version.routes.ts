import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../access/policy.js';
import { dateInputParams, type DateParts, isoFromParts } from '../lib/date-parts.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, readForm, serviceIssues } from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { changesView } from './board-pack.view-model.js';
import { wordDiff } from './word-diff.js';

// A plan's approved versions: the list, the form a plan manager records an approval with
// (freezing the plan as it stands as a named version; `g2g plan approve` does the same), and
// any version compared with the one before it or with the plan now, reworded words marked.

export const APPROVAL_MESSAGES = {
  name: 'Enter the version’s name, like Final Draft (V7)',
  nameLong: 'The version’s name must be 200 characters or fewer',
  approvedBy: 'Enter who approved it, like Cabinet',
  approvedByLong: 'Who approved it must be 200 characters or fewer',
  approvedOnMissing: 'Enter the date it was approved, like 3 2 2015',
  approvedOnNotReal: 'The date it was approved must be a real date, like 3 2 2015',
};

const approvalForm = z.object({
  name: z.string().trim().min(1, APPROVAL_MESSAGES.name).max(200, APPROVAL_MESSAGES.nameLong),
  approvedBy: z
    .string()
    .trim()
    .min(1, APPROVAL_MESSAGES.approvedBy)
    .max(200, APPROVAL_MESSAGES.approvedByLong),
});
const DATE_FIELDS = ['approvedOn-day', 'approvedOn-month', 'approvedOn-year'];

export function registerPlanVersionRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const view = { config: { policy: 'viewPlan' as const } };
  const compareHref = (planId: string, from: string, to?: string) =>
    `/plans/${planId}/versions/compare?${new URLSearchParams(to ? { from, to } : { from }).toString()}`;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    canApprove: boolean,
    issues: FormIssue[] = [],
    sent: Record<string, string> = {},
  ) {
    const { title, versions } = await app.transaction(async (trx) => ({
      title: (await app.services.plans.get(trx, planId)).plan.title,
      versions: await app.services.versions.list(trx, planId),
    }));
    const errors = formErrors(issues, { approvedOn: 'approvedOn-day' });
    const parts: DateParts = {
      day: sent['approvedOn-day'] ?? '',
      month: sent['approvedOn-month'] ?? '',
      year: sent['approvedOn-year'] ?? '',
    };
    return reply.code(issues.length ? 400 : 200).render('plan-versions.njk', {
      title: 'Versions of the plan',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      planTitle: title,
      backHref: `/plans/${planId}`,
      versions: versions.map((v, i) => ({
        name: v.name,
        approved: `${v.approvedBy}, ${formatDate(v.approvedOn)}`,
        recorded: `${formatDateTime(v.recordedAt)} by ${v.recordedBy}`,
        nowHref: compareHref(planId, v.name),
        beforeHref: i > 0 ? compareHref(planId, versions[i - 1]?.name ?? '', v.name) : null,
      })),
      approve: canApprove
        ? {
            action: `/plans/${planId}/versions`,
            values: sent,
            errors: errors.fieldErrors,
            dateInput: dateInputParams('approvedOn', 'Date it was approved', parts, {
              error: errors.fieldErrors.approvedOn,
              hint: 'For example, 3 2 2015',
            }),
          }
        : null,
    });
  }

  server.get('/plans/:planId/versions', view, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const { actor, plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    return page(request, reply, planId, policy.editPlan(actor, plan) === 'allow');
  });

  server.post(
    '/plans/:planId/versions',
    { config: { policy: 'editPlan' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      await authorisePlan(app, app.db, request, planId, policy.editPlan);
      const sent = formValues(request, ['name', 'approvedBy', ...DATE_FIELDS]);
      const read = readForm(approvalForm, { name: sent.name, approvedBy: sent.approvedBy });
      const approvedOn = isoFromParts({
        day: sent['approvedOn-day'] ?? '',
        month: sent['approvedOn-month'] ?? '',
        year: sent['approvedOn-year'] ?? '',
      });
      const issues: FormIssue[] = read.ok ? [] : [...read.issues];
      if (approvedOn === null)
        issues.push({ field: 'approvedOn', text: APPROVAL_MESSAGES.approvedOnMissing });
      if (approvedOn === undefined)
        issues.push({ field: 'approvedOn', text: APPROVAL_MESSAGES.approvedOnNotReal });
      if (!read.ok || !approvedOn) return page(request, reply, planId, true, issues, sent);
      try {
        await app.transaction((trx) =>
          app.services.versions.record(
            trx,
            app.changeBy(request.signedIn?.user ?? 'unknown'),
            planId,
            { ...read.value, approvedOn },
          ),
        );
      } catch (error) {
        const fields = { name: 'name', approvedBy: 'approvedBy', approvedOn: 'approvedOn' };
        const refused = serviceIssues(error, fields, 'name');
        if (!refused) throw error;
        return page(request, reply, planId, true, refused, sent);
      }
      return redirectSaved(reply, `/plans/${planId}/versions`, 'version');
    },
  );

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
