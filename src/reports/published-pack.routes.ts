import type { FastifyInstance } from 'fastify';
import { policy } from '../access/policy.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { packView } from './board-pack.view-model.js';
import { sendPack } from './pack-download.js';
import { PACK_FORMATS } from './pack-files.js';

// Published packs: each board's list, and each pack and its files exactly as published.

export function registerPublishedPackRoutes(server: FastifyInstance, context: RouteContext): void {
  const { app } = context;
  const view = { config: { policy: 'viewPlan' as const } };

  server.get('/plans/:planId/packs', view, async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const { actor, plan } = await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const { title, packs } = await app.transaction(async (trx) => ({
      title: (await app.services.plans.get(trx, planId)).plan.title,
      packs: await app.services.packs.list(trx, planId),
    }));
    const boards = [...new Set(packs.map((p) => p.boardName))].sort();
    return reply.render('board-packs.njk', {
      title: 'Published board packs',
      nav: 'plans',
      planTitle: title,
      backHref: `/plans/${planId}`,
      makeHref: `/plans/${planId}/pack`,
      versionsHref: `/plans/${planId}/versions`,
      canMake: policy.editPlan(actor, plan) === 'allow',
      boards: boards.map((name) => ({
        name,
        packs: packs
          .filter((p) => p.boardName === name)
          .map((p, i, all) => {
            // The board's pack before this one (the list is newest first).
            const earlier = all.slice(i + 1).find((e) => e.asAt < p.asAt);
            return {
              meeting: p.meeting,
              asAt: formatDate(p.asAt),
              published: `${formatDateTime(p.publishedAt)} by ${p.publishedBy}`,
              href: `/plans/${planId}/packs/${p.id}`,
              compareHref: earlier
                ? `/plans/${planId}/changes?from=${earlier.asAt}&to=${p.asAt}`
                : null,
            };
          }),
      })),
    });
  });

  server.get('/plans/:planId/packs/:packId', view, async (request, reply) => {
    const { planId, packId } = request.params as { planId: string; packId: string };
    await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const pack = await app.transaction((trx) => app.services.packs.published(trx, planId, packId));
    const shown = packView(pack.content);
    return reply.render('board-pack-published.njk', {
      title: `${pack.meeting}: board pack`,
      nav: 'plans',
      backHref: `/plans/${planId}/packs`,
      pack: shown,
      meeting: pack.meeting,
      published: `Published ${formatDateTime(pack.publishedAt)} by ${pack.publishedBy}. It does not change when the plan does: its files were made when it was published and are kept as they were.`,
      files: KEPT_FORMATS.map((f) => ({
        href: `/plans/${planId}/packs/${pack.id}/download.${f.ext}`,
        text: f.label,
      })),
    });
  });

  server.get('/plans/:planId/packs/:packId/:file', view, async (request, reply) => {
    const { planId, packId, file } = request.params as {
      planId: string;
      packId: string;
      file: string;
    };
    await authorisePlan(app, app.db, request, planId, policy.viewPlan);
    const format = KEPT_FORMATS.find((f) => file === `download.${f.ext}`);
    const { pack, stored } = await app.transaction(async (trx) => ({
      pack: await app.services.packs.published(trx, planId, packId),
      stored: format
        ? await app.services.packs.publishedFile(trx, planId, packId, format.ext)
        : null,
    }));
    if (!format) return reply.redirect(`/plans/${planId}/packs/${packId}`, 303);
    // The measures' CSV came after packs kept their files: drawn from the frozen content.
    if (stored === 'missing' && format.ext === 'measures.csv') {
      return sendPack(reply, context, format.ext, pack.content, pack.meeting);
    }
    if (stored === 'missing') {
      return reply.code(404).render('error.njk', {
        title: 'This pack has no PDF',
        heading: 'This pack has no PDF',
        message:
          'The server that published this pack could not print PDFs (Chromium was not installed), so none was kept with it. Its Word, Excel and CSV files say the same; a new pack published after Chromium is installed will have a PDF.',
      });
    }
    if (stored) {
      return reply
        .header('content-type', stored.contentType)
        .header('content-disposition', `attachment; filename="${stored.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(stored.bytes));
    }
    // Published before packs kept their files: drawn from its stored content.
    if (format.ext === 'html') return reply.redirect(`/plans/${planId}/packs/${packId}`, 303);
    return sendPack(reply, context, format.ext, pack.content, pack.meeting);
  });
}

/** The files a published pack keeps: the downloads and its printable page. */
const KEPT_FORMATS = [
  ...PACK_FORMATS,
  { ext: 'html', label: 'Web page (HTML, for printing)', type: 'text/html' },
] as const;
