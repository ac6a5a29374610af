import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { RevisionCache } from '../db/write-epoch.js';
import type { PlanScopeRow, PlanView } from '../plans/plan.service.js';
import { dateInputParams, dateParts } from '../lib/date-parts.js';
import { ValidationError } from '../lib/errors.js';
import { redirectSaved } from '../web/banner.js';
import {
  type FormIssue,
  formErrors,
  formValues,
  personalDataIssues,
  serviceIssues,
} from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { packView } from './board-pack.view-model.js';
import { sendPack } from './pack-download.js';
import { PACK_FORMATS, packFilesToKeep } from './pack-files.js';
import { packHref, type PackQuery, readPackQuery } from './pack-request.js';
import type { PackContent } from './pack.types.js';
import type { PackRequest } from './board-pack.service.js';

// A board pack for any day, drawn from the plan's history: the page with its "as at" date
// and board chooser, its files, and publishing it for a meeting (plan managers).

const PUBLISH_FIELDS = ['asAt', 'board', 'meeting', 'introduction', 'headlines', 'decisions'];
const FIELDS = { asAt: 'asAt', board: 'board', meeting: 'meeting' };
/** How many drawn packs are kept in memory (each a plan's actions and figures on one day). */
const KEPT_PACKS = 12;

export function registerBoardPackRoutes(server: FastifyInstance, context: RouteContext): void {
  const { app } = context;
  const view = { config: { policy: 'viewPlan' as const } };
  // A pack drawn for a day and board is the same while the council's revision stands: kept,
  // for the page and its files alike (shared: nothing may change it).
  const drafts = new RevisionCache<PackContent>(KEPT_PACKS);
  const planViews = new RevisionCache<PlanView>(KEPT_PACKS);
  const draftKey = (plan: PlanScopeRow, ask: PackRequest) =>
    JSON.stringify([plan.id, ask.asAt, ask.board, app.clock.today()]);
  const views = new WeakMap<PackContent, ReturnType<typeof packView>>();
  const viewOf = (pack: PackContent) => {
    let view = views.get(pack);
    if (!view) views.set(pack, (view = packView(pack)));
    return view;
  };
  async function draft(trx: Db, plan: PlanScopeRow, ask: PackRequest): Promise<PackContent> {
    const key = draftKey(plan, ask);
    let pack = drafts.get(key, plan.revision);
    if (!pack) {
      pack = await app.services.packs.draft(trx, plan.id, ask);
      drafts.set(key, plan.revision, pack);
    }
    return pack;
  }

  /** The page: the chooser, and the pack when one was asked for and could be made. */
  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    plan: PlanScopeRow,
    query: PackQuery,
    extra: { issues?: FormIssue[]; publish?: Record<string, string> } = {},
  ) {
    const canPublish = policy.editPlan(request.actor!, plan) === 'allow';
    // The plan's own fields and a pack already drawn are kept: then no transaction at all.
    const ask = query.asked && query.asAt && !query.issues.length ? query.asAt : null;
    const keptView = planViews.get(planId, plan.revision);
    const keptPack = ask
      ? drafts.get(draftKey(plan, { asAt: ask, board: query.board }), plan.revision)
      : null;
    const read =
      keptView && (!ask || keptPack)
        ? { planView: keptView, pack: keptPack ?? null, issues: [...query.issues] }
        : null;
    const { planView, pack, issues } =
      read ??
      (await app.transaction(async (trx) => {
        const planView = await app.services.plans.get(trx, planId);
        planViews.set(planId, plan.revision, planView);
        const issues = [...query.issues];
        let pack: PackContent | null = null;
        if (query.asked && query.asAt && issues.length === 0) {
          try {
            pack = await draft(trx, plan, { asAt: query.asAt, board: query.board });
          } catch (error) {
            const refused = serviceIssues(error, FIELDS, 'asAt');
            if (!refused) throw error;
            issues.push(...refused);
          }
        }
        return { planView, pack, issues };
      }));
    const all = [...issues, ...(extra.issues ?? [])];
    const errors = formErrors(all, { asAt: 'asAt-day' });
    const boardName = pack?.board.name ?? query.board;
    const firstBoard = planView.boards[0]?.name ?? '';
    const chosen = boardName || firstBoard;
    const defaultDay = plan.openAsAt ?? app.clock.today();
    const parts = query.asked || query.parts.year ? query.parts : dateParts(defaultDay);
    const shown = pack && viewOf(pack);
    const values = {
      title: shown ? `Board pack as at ${shown.asAt}` : 'Make a board pack',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      planTitle: planView.plan.title,
      backHref: `/plans/${planId}`,
      publishedHref: `/plans/${planId}/packs`,
      budgetHref: canPublish ? `/plans/${planId}/budget` : null,
      dateInput: dateInputParams('asAt', 'As at', parts, {
        error: errors.fieldErrors.asAt,
        hint: 'The pack shows the plan as it stood at the end of this day. For example, 30 4 2018',
        legendClasses: 'govuk-fieldset__legend--s',
      }),
      boards: planView.boards.map((b) => ({
        value: b.name,
        text: b.name,
        selected: b.name === chosen,
      })),
      boardError: errors.fieldErrors.board,
      pack: shown,
      files:
        pack && query.asAt
          ? PACK_FORMATS.map((f) => ({
              href: packHref(planId, pack.asAt, pack.board.name, `download.${f.ext}`),
              text: f.label,
            }))
          : [],
      publish:
        pack && canPublish
          ? {
              action: `/plans/${planId}/packs`,
              asAt: pack.asAt,
              board: pack.board.name,
              values: extra.publish ?? {},
              errors: errors.fieldErrors,
            }
          : null,
    };
    // A pack shown as asked, with nothing wrong, is kept as the bytes sent (with its pack).
    if (shown && !all.length) return reply.renderKept('board-pack.njk', values, shown);
    return reply.code(all.length ? 400 : 200).render('board-pack.njk', values);
  }

  server.get('/plans/:planId/pack', view, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const { plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const query = readPackQuery(request.query as Record<string, string | undefined>);
    return renderPage(request, reply, planId, plan, query);
  });

  server.get('/plans/:planId/pack/:file', view, async (request, reply) => {
    const { planId, file } = request.params as { planId: string; file: string };
    const { plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const query = readPackQuery(request.query as Record<string, string | undefined>);
    const format = PACK_FORMATS.find((f) => file === `download.${f.ext}`);
    if (!format || !query.asAt || query.issues.length) {
      // A file's address that went wrong: the page says what was wrong.
      return reply.redirect(packHref(planId, query.asAt ?? '', query.board), 303);
    }
    let pack: PackContent;
    try {
      pack = await app.transaction((trx) =>
        draft(trx, plan, { asAt: query.asAt ?? '', board: query.board }),
      );
    } catch (error) {
      // The page says what was wrong with the day or the board.
      if (!(error instanceof ValidationError)) throw error;
      return reply.redirect(packHref(planId, query.asAt ?? '', query.board), 303);
    }
    return sendPack(reply, context, format.ext, pack, null);
  });

  server.post(
    '/plans/:planId/packs',
    { config: { policy: 'editPlan' } },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const { plan } = await authorisePlan(app, app.db, request, planId, policy.editPlan);
      const user = request.signedIn?.user;
      const sent = formValues(request, PUBLISH_FIELDS);
      const query = readPackQuery({ asAt: sent.asAt, board: sent.board });
      const wanted = {
        publisher: user?.name ?? 'unknown',
        asAt: query.asAt ?? '',
        board: sent.board ?? '',
        meeting: sent.meeting ?? '',
        narrative: {
          introduction: sent.introduction ?? '',
          headlines: sent.headlines ?? '',
          decisions: sent.decisions ?? '',
        },
      };
      // The meeting's name and the narrative are typed text: refused if they hold a child's details.
      const guarded = personalDataIssues({
        meeting: wanted.meeting,
        introduction: wanted.narrative.introduction,
        headlines: wanted.narrative.headlines,
        decisions: wanted.narrative.decisions,
      });
      if (guarded.length)
        return renderPage(request, reply, planId, plan, query, { issues: guarded, publish: sent });
      const sameMeeting = (p: { asAt: string; boardName: string; meeting: string }) =>
        p.asAt === sent.asAt && p.boardName === sent.board && p.meeting === sent.meeting?.trim();
      try {
        // The files are made outside the transaction (printing the PDF takes seconds), then
        // stored with the pack in one transaction that checks they match its content.
        const { existing, content, history } = await app.transaction(async (trx) => {
          const existing = (await app.services.packs.list(trx, planId)).find(sameMeeting);
          return {
            existing,
            content: existing ? null : await app.services.packs.prepare(trx, planId, wanted),
            history: await app.services.packs.historyVersion(trx, planId),
          };
        });
        const files = content
          ? await packFilesToKeep(content, {
              meeting: wanted.meeting.trim(),
              render: context.renderPartial,
              chromiumPath: app.config.chromiumPath,
            })
          : [];
        const published =
          existing ??
          (await app.transaction(async (trx) => {
            // Sent twice while the first was being made: the first one stands.
            const again = (await app.services.packs.list(trx, planId)).find(sameMeeting);
            if (again || !content) return again;
            return app.services.packs.publish(
              trx,
              app.changeBy(user ?? 'unknown'),
              planId,
              wanted,
              { content, files, history },
            );
          }));
        if (!published) return reply.redirect(`/plans/${planId}/packs`, 303);
        return redirectSaved(reply, `/plans/${planId}/packs/${published.id}`, 'pack');
      } catch (error) {
        const refused = serviceIssues(error, FIELDS, 'meeting');
        if (!refused) throw error;
        return renderPage(request, reply, planId, plan, query, { issues: refused, publish: sent });
      }
    },
  );
}
