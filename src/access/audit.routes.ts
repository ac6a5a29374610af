import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../db/database.js';
import { BoundedCache } from '../lib/bounded-cache.js';
import { toCsv } from '../lib/csv.js';
import { actorOf, authorisePlan, enforce } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { accessAuditRows } from './access-log.view-model.js';
import { councilAuditPage, planAuditPage } from './audit.page.js';
import { pageNumber, PER_PAGE, queryText } from './audit-filter.js';
import { PlanNames } from './audit-names.js';
import type { WordsContext } from './audit-words.js';
import {
  historyQuery,
  PLAN_AUDIT_CSV_COLUMNS,
  planAuditCsvRows,
  planAuditFilter,
} from './audit.view-model.js';
import { ACCESS_KIND_LABELS } from './access-log.view-model.js';
import { policy } from './policy.js';

/** The most events one CSV file holds. */
const CSV_LIMIT = 100_000;

/** The plan files kept, as bytes, by plan and revision: at most this many bytes. */
const KEPT_EXPORT_BYTES = 16 * 1024 * 1024;

function download(reply: FastifyReply, fileName: string, type: string, body: string | Buffer) {
  return reply
    .header('content-type', `${type}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(body);
}

/** The audit trail: who changed what, when, before and after; and who got in. */
export function registerAuditRoutes(server: FastifyInstance, { app }: RouteContext): void {
  // The plan as JSON is the same file until the council's revision moves (any committed
  // change): it is kept as the bytes sent, like the overview's content.
  const exports = new BoundedCache<string, Buffer>(KEPT_EXPORT_BYTES, (bytes) => bytes.length);
  /** What the words of a plan's changes need: its things' names, statuses and schemes. */
  async function wordsContext(trx: Db, planId: string): Promise<WordsContext> {
    const doc = await app.services.documents.export(trx, planId);
    const schemes = await app.services.schemes.available(trx, planId);
    return {
      names: new PlanNames(doc),
      statuses: new Map(doc.ragScheme.statuses.map((s) => [s.code, s.label])),
      schemes: new Map(schemes.map((s) => [s.id, s.name])),
    };
  }

  server.get(
    '/plans/:planId/audit',
    { config: { policy: 'viewPlanAudit' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const query = request.query as Record<string, unknown>;
      const filter = planAuditFilter(query);
      const page = pageNumber(query);
      const loaded = await app.transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.viewPlanAudit);
        return {
          view: await app.services.plans.get(trx, planId),
          // One more than the page needs, to know whether another page follows.
          rows: filter.issues.length
            ? []
            : await app.services.history.list(trx, planId, {
                ...historyQuery(filter),
                newestFirst: true,
                limit: page * PER_PAGE + 1,
              }),
          words: await wordsContext(trx, planId),
        };
      });
      return reply
        .code(filter.issues.length ? 400 : 200)
        .render('plan-audit.njk', planAuditPage(planId, loaded, filter, page));
    },
  );

  server.get(
    '/plans/:planId/audit.csv',
    { config: { policy: 'viewPlanAudit' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const filter = planAuditFilter(request.query as Record<string, unknown>);
      const { rows, words } = await app.transaction(async (trx) => {
        const { actor, plan } = await authorisePlan(
          app,
          trx,
          request,
          planId,
          policy.viewPlanAudit,
        );
        const { issues: _issues, fromParts: _f, toParts: _t, ...recorded } = filter;
        await app.services.access.audit(trx, app.clock.now(), {
          kind: 'export',
          userId: actor.userId,
          organisationId: plan.organisationId,
          planId,
          address: request.ip,
          detail: { what: 'plan audit trail (CSV)', filter: recorded },
        });
        return {
          rows: await app.services.history.list(trx, planId, historyQuery(filter)),
          words: await wordsContext(trx, planId),
        };
      });
      const csv = toCsv(PLAN_AUDIT_CSV_COLUMNS, planAuditCsvRows(rows, words));
      return download(reply, 'audit-trail.csv', 'text/csv', csv);
    },
  );

  server.get(
    '/plans/:planId/export.json',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const { actor, plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
      // Filed under the council's revision read with the access check, before the plan is.
      const kept = plan.revision === null ? null : `${planId} ${plan.revision}`;
      let file = kept === null ? undefined : exports.get(kept);
      if (!file) {
        file = Buffer.from(
          `${JSON.stringify(
            await app.transaction((trx) => app.services.documents.export(trx, planId)),
            null,
            2,
          )}\n`,
        );
        if (kept !== null) exports.set(kept, file);
      }
      // Recorded before the file is sent, with the downloads that came at the same time: a
      // download the log could not record is not sent.
      await app.services.accessLog.record(app.clock.now(), {
        kind: 'export',
        userId: actor.userId,
        organisationId: plan.organisationId,
        planId,
        address: request.ip,
        detail: { what: 'plan (interchange JSON)' },
      });
      return download(reply, 'plan.json', 'application/json', file);
    },
  );

  /** A council's access log: `limit` events from the newest, after recording a CSV download. */
  async function councilAudit(
    slug: string,
    query: Record<string, unknown>,
    actor: ReturnType<typeof actorOf>,
    limit: number,
    csvBy?: { address: string },
  ) {
    const wanted = queryText(query, 'kind');
    const kind = wanted && wanted in ACCESS_KIND_LABELS ? wanted : undefined;
    const email = queryText(query, 'who');
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
      const plans = new Map(
        (await app.services.plans.list(trx))
          .filter((p) => p.organisationId === council.id)
          .map((p) => [p.id, p.title]),
      );
      const events = await app.services.access.listCouncilAudit(trx, council.id, {
        kind,
        email,
        limit,
      });
      return { council, kind, email, rows: accessAuditRows(events, people, plans) };
    });
  }

  server.get(
    '/councils/:slug/audit',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const query = request.query as Record<string, unknown>;
      const page = pageNumber(query);
      const log = await councilAudit(slug, query, actorOf(request), page * PER_PAGE + 1);
      return reply.render('council-audit.njk', councilAuditPage(log, page));
    },
  );

  server.get(
    '/councils/:slug/audit.csv',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const query = request.query as Record<string, unknown>;
      const { rows } = await councilAudit(slug, query, actorOf(request), CSV_LIMIT, {
        address: request.ip,
      });
      const csv = toCsv(
        ['at', 'when', 'who', 'event', 'about', 'details', 'address'],
        rows.map((r) => [r.at, r.when, r.who, r.what, r.subject, r.details, r.address]),
      );
      return download(reply, 'access-log.csv', 'text/csv', csv);
    },
  );
}
