import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redirectSaved } from '../web/banner.js';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.js';
import {
  currentSettings,
  loadSettings,
  renderSettings,
  SETTINGS_MESSAGES as MESSAGES,
  settingsHref,
} from '../plans/settings/settings.page.js';
import { type FormIssue, formValues, readForm, serviceIssues } from '../web/forms.js';
import type { RouteContext } from '../web/route-context.js';

// The boards that oversee a plan, on its settings page: add one, remove one after confirming.

const boardForm = z.object({
  boardName: z.string().refine((v) => v.trim() !== '' && v.length <= 200, MESSAGES.boardName),
  boardCadence: z.string().max(200, MESSAGES.boardCadence),
  boardChair: z.string().max(200, MESSAGES.boardChair),
});

export function registerBoardRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };
  const who = (request: FastifyRequest) => app.changeBy(request.signedIn?.user ?? 'unknown');

  server.post('/plans/:planId/settings/boards', config, async (request, reply) => {
    const loaded = await loadSettings(app, request);
    const sent = formValues(request, Object.keys(boardForm.shape));
    const board = {
      name: sent.boardName ?? '',
      cadence: sent.boardCadence ?? '',
      chair: sent.boardChair ?? '',
    };
    const refuse = (issues: FormIssue[]) =>
      renderSettings(app, request, reply, loaded, currentSettings(loaded), issues, board);
    const read = readForm(boardForm, sent);
    if (!read.ok) return refuse(read.issues);
    const input = {
      name: board.name.trim(),
      cadence: board.cadence.trim() || null,
      chair: board.chair.trim() || null,
    };
    // The same form sent twice adds the board once.
    const same = loaded.view.boards.find(
      (b) => b.name === input.name && b.cadence === input.cadence && b.chair === input.chair,
    );
    if (same) return redirectSaved(reply, settingsHref(loaded.planId, '#boards'), 'board');
    try {
      await app.transaction((trx) =>
        app.services.boards.add(trx, who(request), loaded.planId, input),
      );
    } catch (error) {
      // A clash names itself; any other refusal is about the name.
      const refused = serviceIssues(error, {}, 'boardName', { boardName: MESSAGES.boardName });
      if (!refused) throw error;
      return refuse(refused);
    }
    return redirectSaved(reply, settingsHref(loaded.planId, '#boards'), 'board');
  });

  const removePath = '/plans/:planId/settings/boards/:boardId/remove';
  async function loadBoard(request: FastifyRequest) {
    const loaded = await loadSettings(app, request);
    const { boardId } = request.params as { boardId: string };
    const board = loaded.view.boards.find((b) => b.id === boardId);
    if (!board) throw new NotFoundError('This plan has no such board');
    return { ...loaded, board };
  }

  server.get(removePath, config, async (request, reply) => {
    const { planId, view, board } = await loadBoard(request);
    return reply.render('content-remove.njk', {
      title: `Remove ${board.name}`,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      remove: {
        caption: view.plan.title,
        heading: `Are you sure you want to remove ${board.name} from this plan?`,
        summary: [board.cadence, board.chair && `chaired by ${board.chair}`]
          .filter(Boolean)
          .join(', '),
        warning:
          'The board will no longer be listed as overseeing this plan. The plan’s history keeps a record of it.',
        explanation: [],
        possible: true,
        submitText: 'Remove this board',
        postHref: `/plans/${planId}/settings/boards/${board.id}/remove`,
        backHref: settingsHref(planId, '#boards'),
      },
    });
  });

  server.post(removePath, config, async (request, reply) => {
    const { planId, board } = await loadBoard(request);
    await app.transaction((trx) => app.services.boards.remove(trx, who(request), planId, board.id));
    return redirectSaved(reply, settingsHref(planId, '#boards'), 'board');
  });
}
