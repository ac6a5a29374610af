import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { actorOf, authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { formatDate } from '../lib/format.js';
import { asAtOf, keepAsAt } from '../web/as-at.js';
import { monthBefore, planSummary } from './plan-summary.view-model.js';
import { planOverview } from './plan.view-model.js';
import { clockHref, clockPanel } from './clock/clock.view-model.js';
import { statusAdvice } from '../updates/status-advice.view-model.js';
import { slippedMarks } from '../actions/slippage.js';
import { missingPeriodUpdates } from '../actions/update-period.js';
import { RevisionCache } from '../db/write-epoch.js';

const DUE_SPANS = ['month', 'quarter'] as const;

const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  approved: 'Approved',
  submitted: 'Submitted',
  monitoring: 'Monitoring',
  closed: 'Closed',
};

/** How many rendered overviews are kept (each a plan, a filter and a kind of reader). */
const KEPT_OVERVIEWS = 60;

export function registerPlanRoutes(
  server: FastifyInstance,
  { app, renderPartial }: RouteContext,
): void {
  // The overview's content is the same for everyone with the same rights, the same filters
  // and the same plan on the same day: it is kept, keyed by all of those and by the council's
  // revision (which moves with any committed change), and rendered again otherwise.
  const overviews = new RevisionCache<{ body: string; title: string }>(KEPT_OVERVIEWS);

  server.get('/plans', { config: { policy: 'signed-in' } }, async (request, reply) => {
    const actor = actorOf(request);
    const plans = await app.transaction((trx) => app.services.plans.listVisibleTo(trx, actor));
    return reply.render('plans.njk', {
      title: 'Improvement plans',
      nav: 'plans',
      plans: plans.map((p) => ({
        ...p,
        statusLabel: STATUS_LABELS[p.status],
        // A plan shown in its own time (a demonstration plan) says which day.
        shownAt: p.openAsAt && p.openAsAt < app.clock.today() ? formatDate(p.openAsAt) : null,
      })),
      canImport: actor.grants.some((g) => policy.createPlan(actor, g.organisationId) === 'allow'),
    });
  });

  server.get('/plans/:planId', { config: { policy: 'viewPlan' } }, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const query = request.query as Record<string, string | undefined>;
    const filters = {
      status: query.status || undefined,
      lead: query.lead || undefined,
      overdue: query.overdue === 'yes',
      theme: query.theme || undefined,
      section: query.section || undefined,
      due: DUE_SPANS.find((span) => span === query.due),
      noUpdate: query.noUpdate === 'yes',
      disagree: query.disagree === 'yes',
      slipped: query.slipped === 'yes',
    };
    // Access and the council's revision are read outside a transaction, in one look-up (kept
    // in memory with the embedded database, PlanService); a fresh page is read, and filed
    // under the revision read first, inside one.
    const { actor, plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    // The day chosen in the "as it stood on" control becomes the address's asAt.
    const picked = dayFrom(query, 'asAt');
    if (picked.date) {
      return reply.redirect(`/plans/${planId}?asAt=${picked.date}`, 303);
    }
    const asAt = asAtOf(query, app.clock.today(), `/plans/${planId}`, plan.openAsAt ?? null);
    const today = asAt.day ?? app.clock.today();
    const chosen = dayFrom(query, 'since');
    const since = chosen.date ?? monthBefore(today);
    // In the past, nothing can be changed: no edit links.
    const can = {
      edit: !asAt.day && policy.editPlan(actor, plan) === 'allow',
      audit: policy.viewPlanAudit(actor, plan) === 'allow',
      giveUpdates: !asAt.day && policy.giveUpdates(actor, plan) === 'allow',
    };
    const key = JSON.stringify([planId, today, filters, can, since, chosen, picked, asAt]);
    let page = overviews.get(key, plan.revision);
    if (!page) {
      const fresh = await app.transaction(async (trx) => {
        const doc = asAt.at
          ? await app.services.documents.exportAsAt(trx, planId, asAt.at)
          : await app.services.documents.export(trx, planId);
        const view = await app.services.plans.get(trx, planId);
        const history = await app.services.history.list(trx, planId, {
          from: since,
          ...(asAt.at ? { until: asAt.at } : {}),
        });
        const actionHistory = await app.services.history.list(trx, planId, {
          entity: 'action',
          ...(asAt.at ? { until: asAt.at } : {}),
        });
        const keepDay = (href: string) => keepAsAt(href, asAt);
        // The open update round (today only): its actions without an update say so.
        const open = asAt.at ? null : await app.services.rounds.state(trx, planId);
        const round = open && { name: open.round.name, ...open };
        const clock = clockPanel(
          {
            ...(await app.services.clock.read(trx, planId)),
            beingWritten: doc.plan.status === 'draft' || doc.plan.status === 'approved',
          },
          today,
          can.edit ? clockHref(planId) : null,
        );
        const body = renderPartial('plan-body.njk', {
          plan: planOverview(doc, planId, view.deadline, filters, today, keepDay, round, {
            disagree: statusAdvice(doc, today),
            slipped: slippedMarks(actionHistory),
            periodMissing: missingPeriodUpdates(doc, today),
          }),
          asAt: { ...asAt, parts: picked.parts, error: picked.error },
          clock,
          summary: planSummary(doc, planId, {
            today,
            since,
            deadline: view.deadline,
            history,
            canDecide: can.edit,
            keep: keepDay,
          }),
          since: { ...chosen.parts, error: chosen.error },
          links: {
            edit: can.edit ? `/plans/${planId}/edit` : null,
            settings: can.edit ? `/plans/${planId}/settings` : null,
            rounds: can.edit ? `/plans/${planId}/rounds` : null,
            myUpdates:
              open && can.giveUpdates
                ? `/plans/${planId}/rounds/${open.round.id}/my-updates`
                : null,
            audit: can.audit ? `/plans/${planId}/audit` : null,
            download: `/plans/${planId}/export.json`,
            pack: keepAsAt(`/plans/${planId}/pack`, asAt),
            statement: can.edit ? `/plans/${planId}/statement-of-action` : null,
            changes: `/plans/${planId}/changes`,
            measures: keepDay(`/plans/${planId}/measures`),
          },
        });
        return { body, title: doc.plan.title };
      });
      overviews.set(key, plan.revision, fresh);
      page = fresh;
    }
    return reply.renderAround('plan.njk', { title: page.title, nav: 'plans' }, page);
  });
}

/**
 * A day chosen on the overview with a GOV.UK date input (`prefix`-day, -month, -year): its
 * ISO date, what was typed, and an error when it is not a real date.
 */
function dayFrom(query: Record<string, string | undefined>, prefix: string) {
  const parts = {
    day: (query[`${prefix}-day`] ?? '').trim(),
    month: (query[`${prefix}-month`] ?? '').trim(),
    year: (query[`${prefix}-year`] ?? '').trim(),
  };
  if (!parts.day && !parts.month && !parts.year) return { date: null, parts, error: null };
  const iso = `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  const real =
    /^\d{4}-\d{2}-\d{2}$/.test(iso) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === iso &&
    Number(parts.year) >= 2000;
  return real
    ? { date: iso, parts, error: null }
    : { date: null, parts, error: 'Enter a real date, like 1 4 2018' };
}
