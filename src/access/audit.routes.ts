import type { FastifyInstance, FastifyReply } from 'fastify';
import { toCsv } from '../lib/csv.js';
import { ENTITY_KINDS } from '../plans/content/plan-entities.js';
import { actorOf, authorisePlan, enforce } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import {
  ACCESS_KIND_LABELS,
  accessAuditRows,
  fieldLabel,
  historyQuery,
  planAuditCsvRows,
  planAuditFilter,
  planAuditRows,
} from './audit.view-model.js';
import { policy } from './policy.js';

/** How many changes one page shows; the CSV holds every change that matches. */
const PAGE_LIMIT = 500;

function download(reply: FastifyReply, fileName: string, type: string, body: string) {
  return reply
    .header('content-type', `${type}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(body);
}

/** The audit trail: who changed what, when, before and after; and who got in. */
export function registerAuditRoutes(server: FastifyInstance, { app }: RouteContext): void {
  server.get(
    '/plans/:planId/audit',
    { config: { policy: 'viewPlanAudit' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const filter = planAuditFilter(request.query as Record<string, unknown>);
      const { view, rows } = await app.transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.viewPlanAudit);
        return {
          view: await app.services.plans.get(trx, planId),
          rows: await app.services.history.list(trx, planId, {
            ...historyQuery(filter),
            newestFirst: true,
            limit: PAGE_LIMIT + 1,
          }),
        };
      });
      const query = new URLSearchParams(
        Object.entries({
          entity: filter.entity,
          item: filter.entityId,
          who: filter.actor,
          from: filter.from,
          to: filter.to,
        }).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ).toString();
      return reply.render('plan-audit.njk', {
        title: `Audit trail: ${view.plan.title}`,
        nav: 'plans',
        planHref: `/plans/${planId}`,
        planTitle: view.plan.title,
        filter,
        entityItems: [{ value: '', text: 'Everything' }]
          .concat(['plan', ...ENTITY_KINDS].map((k) => ({ value: k, text: fieldLabel(k) })))
          .map((i) => ({ ...i, selected: i.value === (filter.entity ?? '') })),
        rows: planAuditRows(rows.slice(0, PAGE_LIMIT)),
        more: rows.length > PAGE_LIMIT,
        csvHref: `/plans/${planId}/audit.csv${query ? `?${query}` : ''}`,
      });
    },
  );

  server.get(
    '/plans/:planId/audit.csv',
    { config: { policy: 'viewPlanAudit' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const filter = planAuditFilter(request.query as Record<string, unknown>);
      const rows = await app.transaction(async (trx) => {
        const { actor, plan } = await authorisePlan(
          app,
          trx,
          request,
          planId,
          policy.viewPlanAudit,
        );
        await app.services.access.audit(trx, app.clock.now(), {
          kind: 'export',
          userId: actor.userId,
          organisationId: plan.organisationId,
          planId,
          address: request.ip,
          detail: { what: 'plan audit trail (CSV)', filter },
        });
        return app.services.history.list(trx, planId, historyQuery(filter));
      });
      const csv = toCsv(
        ['at', 'who', 'entity', 'id', 'change', 'field', 'before', 'after', 'reason'],
        planAuditCsvRows(rows),
      );
      return download(reply, 'audit-trail.csv', 'text/csv', csv);
    },
  );

  server.get(
    '/plans/:planId/export.json',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const doc = await app.transaction(async (trx) => {
        const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.viewPlan);
        await app.services.access.audit(trx, app.clock.now(), {
          kind: 'export',
          userId: actor.userId,
          organisationId: plan.organisationId,
          planId,
          address: request.ip,
          detail: { what: 'plan (interchange JSON)' },
        });
        return app.services.documents.export(trx, planId);
      });
      return download(reply, 'plan.json', 'application/json', `${JSON.stringify(doc, null, 2)}\n`);
    },
  );

  async function councilAudit(
    slug: string,
    query: Record<string, unknown>,
    actor: ReturnType<typeof actorOf>,
    csvBy?: { address: string },
  ) {
    const kind =
      typeof query.kind === 'string' && query.kind in ACCESS_KIND_LABELS ? query.kind : undefined;
    const email =
      typeof query.who === 'string' && query.who.trim()
        ? query.who.trim().slice(0, 320)
        : undefined;
    return app.transaction(async (trx) => {
      const council = await app.services.access.councilBySlug(trx, slug);
      enforce(policy.manageCouncil(actor, council.id), 'council');
      if (csvBy) {
        await app.services.access.audit(trx, app.clock.now(), {
          kind: 'export',
          userId: actor.userId,
          organisationId: council.id,
          address: csvBy.address,
          detail: { what: 'council access log (CSV)', kind, who: email },
        });
      }
      const members = await app.services.access.members(trx, council.id);
      const people = new Map(members.map((m) => [m.userId, m.email]));
      const events = await app.services.access.listCouncilAudit(trx, council.id, {
        kind,
        email,
        limit: csvBy ? 100_000 : PAGE_LIMIT,
      });
      return { council, kind, email, rows: accessAuditRows(events, people) };
    });
  }

  server.get(
    '/councils/:slug/audit',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { slug } = request.params as { slug: string };
      const { council, kind, email, rows } = await councilAudit(
        slug,
        request.query as Record<string, unknown>,
        actor,
      );
      const query = new URLSearchParams(
        Object.entries({ kind, who: email }).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      ).toString();
      return reply.render('council-audit.njk', {
        title: `Access log: ${council.name}`,
        nav: 'councils',
        council,
        who: email ?? '',
        kindItems: [{ value: '', text: 'Everything' }]
          .concat(Object.entries(ACCESS_KIND_LABELS).map(([value, text]) => ({ value, text })))
          .map((i) => ({ ...i, selected: i.value === (kind ?? '') })),
        rows,
        csvHref: `/councils/${council.slug}/audit.csv${query ? `?${query}` : ''}`,
      });
    },
  );

  server.get(
    '/councils/:slug/audit.csv',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { slug } = request.params as { slug: string };
      const { rows } = await councilAudit(slug, request.query as Record<string, unknown>, actor, {
        address: request.ip,
      });
      const csv = toCsv(
        ['at', 'who', 'event', 'about', 'details', 'address'],
        rows.map((r) => [r.at, r.who, r.what, r.subject, r.details, r.address]),
      );
      return download(reply, 'access-log.csv', 'text/csv', csv);
    },
  );
}
