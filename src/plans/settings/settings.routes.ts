import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../../access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { authorisePlan } from '../../web/guard.js';
import { pendingFormFor, type RouteContext } from '../../web/route-context.js';
import type { Issue } from '../content/content-form.js';
import { formValues } from '../../web/forms.js';
import type { PlanStatus } from '../plan.schema.js';
import { PLAN_STATUSES } from '../plan.schema.js';
import {
  dateParts,
  isoFromParts,
  type SettingsValues,
  settingsPage,
  STATUS_LABELS,
} from './settings.view-model.js';

// Plan settings: title, version, status (only the allowed steps), period, RAG scheme and
// boards, through PlanService, each change in one transaction and in the plan's history.

const MESSAGES: Record<string, string> = {
  title: 'Enter the plan’s title (500 characters or fewer)',
  versionLabel: 'Version must be 200 characters or fewer',
  status: 'Choose a status',
  periodStart: 'The start date must be a real date, like 1 4 2026',
  periodEnd: 'The end date must be a real date on or after the start date, like 31 3 2028',
  ragSchemeId: 'Choose one of the schemes listed',
  boardName: 'Enter the board’s name (200 characters or fewer)',
  boardCadence: 'How often it meets must be 200 characters or fewer',
  boardChair: 'Chair must be 200 characters or fewer',
};
const DATE_FIELDS = ['periodStart', 'periodEnd'] as const;
const PLAN_FIELDS = ['title', 'versionLabel', 'status'];
const BOARD_FIELDS = ['boardName', 'boardCadence', 'boardChair'];
const fieldsOf = (error: ValidationError, known: string[], fallback: string): Issue[] => {
  const found = [...new Set(error.issues.map((i) => i.path.split('.')[0] ?? ''))].filter((f) =>
    known.includes(f),
  );
  return (found.length ? found : [fallback]).map((f) => ({ field: f, text: MESSAGES[f] ?? '' }));
};

export function registerSettingsRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };

  async function load(request: FastifyRequest) {
    const { planId } = request.params as { planId: string };
    return app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const view = await app.services.plans.get(trx, planId);
      return { planId, view, schemes: await app.services.schemes.available(trx, planId) };
    });
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  const current = ({ view }: Loaded): SettingsValues => ({
    title: view.plan.title,
    versionLabel: view.plan.versionLabel ?? '',
    status: view.plan.status,
    periodStart: dateParts(view.plan.periodStart),
    periodEnd: dateParts(view.plan.periodEnd),
  });

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    values: SettingsValues,
    issues: Issue[] = [],
    board?: { name: string; cadence: string; chair: string },
  ) {
    const next = app.services.plans.nextStatuses(loaded.view.plan.status);
    return reply.code(issues.length ? 400 : 200).render('settings.njk', {
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...settingsPage(loaded.view, loaded.schemes, next, values, issues, board),
    });
  }
  const who = (request: FastifyRequest) => app.changeBy(request.signedIn?.user ?? 'unknown');
  const back = (planId: string, anchor = '') => `/plans/${planId}/settings${anchor}`;

  server.get('/plans/:planId/settings', config, async (request, reply) => {
    const loaded = await load(request);
    const kept = await pendingFormFor(app, request, request.url.split('?')[0] ?? '');
    const values = current(loaded);
    if (kept) {
      const part = (f: string, p: string) => kept[`${f}-${p}`] ?? '';
      Object.assign(values, {
        title: kept.title ?? values.title,
        versionLabel: kept.versionLabel ?? values.versionLabel,
        status: kept.status ?? values.status,
        ...Object.fromEntries(
          DATE_FIELDS.map((f) => [
            f,
            { day: part(f, 'day'), month: part(f, 'month'), year: part(f, 'year') },
          ]),
        ),
      });
    }
    return render(request, reply, loaded, values);
  });

  server.post('/plans/:planId/settings', config, async (request, reply) => {
    const loaded = await load(request);
    const sent = formValues(request, [
      ...PLAN_FIELDS,
      ...DATE_FIELDS.flatMap((f) => [`${f}-day`, `${f}-month`, `${f}-year`]),
    ]);
    const parts = (f: string) => ({
      day: sent[`${f}-day`] ?? '',
      month: sent[`${f}-month`] ?? '',
      year: sent[`${f}-year`] ?? '',
    });
    const values: SettingsValues = {
      title: sent.title ?? '',
      versionLabel: sent.versionLabel ?? '',
      status: sent.status ?? '',
      periodStart: parts('periodStart'),
      periodEnd: parts('periodEnd'),
    };
    const issues: Issue[] = [];
    const issue = (field: string, text = MESSAGES[field] ?? '') => issues.push({ field, text });
    if (!values.title.trim() || values.title.length > 500) issue('title');
    if (values.versionLabel.length > 200) issue('versionLabel');
    const from = loaded.view.plan.status;
    const to = values.status as PlanStatus;
    const allowed = app.services.plans.nextStatuses(from);
    if (!PLAN_STATUSES.includes(to)) issue('status');
    else if (to !== from && !allowed.includes(to)) {
      issue(
        'status',
        `A ${from} plan cannot become ${to} in one step. It can become ${allowed.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ')}, or stay ${from}.`,
      );
    }
    const start = isoFromParts(values.periodStart);
    const end = isoFromParts(values.periodEnd);
    if (start === undefined) issue('periodStart');
    if (end === undefined || (start && end && end < start)) issue('periodEnd');
    if (issues.length) return render(request, reply, loaded, values, issues);
    try {
      await app.transaction((trx) =>
        app.services.plans.update(trx, who(request), loaded.planId, {
          title: values.title,
          versionLabel: values.versionLabel.trim() ? values.versionLabel : null,
          status: to,
          periodStart: start ?? null,
          periodEnd: end ?? null,
        }),
      );
    } catch (error) {
      if (error instanceof ConflictError) {
        return render(request, reply, loaded, values, [{ field: 'status', text: error.message }]);
      }
      if (!(error instanceof ValidationError)) throw error;
      return render(
        request,
        reply,
        loaded,
        values,
        fieldsOf(error, [...PLAN_FIELDS, ...DATE_FIELDS], 'title'),
      );
    }
    return reply.redirect(back(loaded.planId), 303);
  });

  server.post('/plans/:planId/settings/scheme', config, async (request, reply) => {
    const loaded = await load(request);
    const { ragSchemeId = '' } = formValues(request, ['ragSchemeId']);
    const refuse = (text: string) =>
      render(request, reply, loaded, current(loaded), [{ field: 'ragSchemeId', text }]);
    if (!loaded.schemes.some((s) => s.id === ragSchemeId))
      return refuse(MESSAGES.ragSchemeId ?? '');
    try {
      await app.transaction((trx) =>
        app.services.schemes.change(trx, who(request), loaded.planId, ragSchemeId),
      );
    } catch (error) {
      if (error instanceof ConflictError) return refuse(error.message);
      throw error;
    }
    return reply.redirect(back(loaded.planId, '#scheme'), 303);
  });

  server.post('/plans/:planId/settings/boards', config, async (request, reply) => {
    const loaded = await load(request);
    const sent = formValues(request, BOARD_FIELDS);
    const board = {
      name: sent.boardName ?? '',
      cadence: sent.boardCadence ?? '',
      chair: sent.boardChair ?? '',
    };
    const issues: Issue[] = [];
    if (!board.name.trim() || board.name.length > 200)
      issues.push({ field: 'boardName', text: MESSAGES.boardName ?? '' });
    if (board.cadence.length > 200)
      issues.push({ field: 'boardCadence', text: MESSAGES.boardCadence ?? '' });
    if (board.chair.length > 200)
      issues.push({ field: 'boardChair', text: MESSAGES.boardChair ?? '' });
    const refuse = (list: Issue[]) => render(request, reply, loaded, current(loaded), list, board);
    if (issues.length) return refuse(issues);
    const input = {
      name: board.name.trim(),
      cadence: board.cadence.trim() || null,
      chair: board.chair.trim() || null,
    };
    // The same form sent twice adds the board once.
    const same = loaded.view.boards.find(
      (b) => b.name === input.name && b.cadence === input.cadence && b.chair === input.chair,
    );
    if (same) return reply.redirect(back(loaded.planId, '#boards'), 303);
    try {
      await app.transaction((trx) =>
        app.services.boards.add(trx, who(request), loaded.planId, input),
      );
    } catch (error) {
      if (error instanceof ConflictError)
        return refuse([{ field: 'boardName', text: error.message }]);
      if (error instanceof ValidationError) return refuse(fieldsOf(error, [], 'boardName'));
      throw error;
    }
    return reply.redirect(back(loaded.planId, '#boards'), 303);
  });

  const removePath = '/plans/:planId/settings/boards/:boardId/remove';
  async function loadBoard(request: FastifyRequest) {
    const loaded = await load(request);
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
        backHref: back(planId, '#boards'),
      },
    });
  });
  server.post(removePath, config, async (request, reply) => {
    const { planId, board } = await loadBoard(request);
    await app.transaction((trx) => app.services.boards.remove(trx, who(request), planId, board.id));
    return reply.redirect(back(planId, '#boards'), 303);
  });
}
