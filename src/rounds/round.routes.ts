import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../access/policy.js';
import { dateInputParams, dateParts, isoFromParts } from '../lib/date-parts.js';
import { redirectSaved } from '../web/banner.js';
import {
  type FormIssue,
  formErrors,
  formValues,
  personalDataIssues,
  serviceIssues,
} from '../web/forms.js';
import { authorisePlan } from '../web/guard.js';
import { onceOnlyKey } from '../web/once-only.js';
import type { RouteContext } from '../web/route-context.js';
import { EditConflict } from '../plans/content/edit-version.js';
import { type DeadlineForm, deadlineConflict, deadlineForm } from './round-deadline.js';
import { sendingRows } from './round-mail.view-model.js';
import { periodWords, recurringIn } from './round.service.js';
import { roundHref, roundList, roundPage, roundsHref } from './round.view-model.js';

// A plan manager's rounds: the list, opening one, its page (who has updated, per lead),
// extending its deadline and closing it. Each POST is one transaction.

const MESSAGES = {
  deadline: 'Enter the deadline as a real date, like 19 4 2026',
};
const FIELDS = { name: 'name', deadline: 'deadline', actions: 'actions', remind: 'remind' };

/** The checked boxes of a checkbox group: one value arrives as a string, several as a list. */
const checked = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

export function registerRoundRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };
  const who = (request: FastifyRequest) => app.changeBy(request.signedIn?.user ?? 'unknown');
  const planIdOf = (request: FastifyRequest) => (request.params as { planId: string }).planId;

  server.get('/plans/:planId/rounds', config, async (request, reply) => {
    const planId = planIdOf(request);
    const page = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const view = await app.services.plans.get(trx, planId);
      const rounds = await app.services.rounds.list(trx, planId);
      const counted = await Promise.all(
        rounds.map(async (round) => {
          const { actions } = await app.services.rounds.progress(trx, planId, round.id);
          const updated = actions.filter((a) => a.updates.length).length;
          return { round, total: actions.length, updated };
        }),
      );
      return { title: view.plan.title, rounds: roundList(planId, counted) };
    });
    return reply.render('rounds.njk', {
      title: 'Update rounds',
      nav: 'plans',
      planTitle: page.title,
      planHref: `/plans/${planId}`,
      newHref: page.rounds.some((r) => r.open) ? null : `${roundsHref(planId)}/new`,
      rounds: page.rounds,
    });
  });

  server.get('/plans/:planId/rounds/new', config, async (request, reply) => {
    const planId = planIdOf(request);
    const today = app.clock.today();
    return renderNew(reply, request, planId, {
      name: `${periodWords(today.slice(0, 7))} update`,
      deadline: dateParts(null),
      actions: null,
    });
  });

  server.post('/plans/:planId/rounds/new', config, async (request, reply) => {
    const planId = planIdOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const v = formValues(request, ['name', 'deadline-day', 'deadline-month', 'deadline-year']);
    const values = {
      name: v.name ?? '',
      deadline: {
        day: v['deadline-day'] ?? '',
        month: v['deadline-month'] ?? '',
        year: v['deadline-year'] ?? '',
      },
      actions: checked(body.actions),
    };
    const deadline = isoFromParts(values.deadline);
    const guarded = personalDataIssues({ name: values.name });
    if (guarded.length) return renderNew(reply, request, planId, values, guarded);
    const issues: FormIssue[] | null = await app
      .transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        const round = await app.services.rounds.open(trx, who(request), planId, {
          name: values.name,
          deadline: deadline ?? '',
          actionIds: values.actions,
        });
        // Queued with the round, sent by the scheduler: a slow mail server never holds the page.
        await app.services.roundMail.roundOpened(trx, planId, round.id);
        return null;
      })
      .catch((error: unknown) => {
        const refused = serviceIssues(error, FIELDS, 'name');
        if (!refused) throw error;
        return refused.map((i) =>
          i.field === 'deadline' && !deadline ? { ...i, text: MESSAGES.deadline } : i,
        );
      });
    if (!issues) return redirectSaved(reply, roundsHref(planId), 'round-opened');
    return renderNew(reply, request, planId, values, issues);
  });

  async function renderNew(
    reply: FastifyReply,
    request: FastifyRequest,
    planId: string,
    values: { name: string; deadline: ReturnType<typeof dateParts>; actions: string[] | null },
    issues: FormIssue[] = [],
  ) {
    const loaded = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const view = await app.services.plans.get(trx, planId);
      const actions = await app.services.rounds.actions(trx, planId);
      return { title: view.plan.title, actions };
    });
    const today = app.clock.today();
    const errors = formErrors(issues, { deadline: 'deadline-day' });
    return reply.code(issues.length ? 400 : 200).render('round-new.njk', {
      title: 'Open an update round',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      planTitle: loaded.title,
      backHref: roundsHref(planId),
      postHref: `${roundsHref(planId)}/new`,
      name: values.name,
      deadline: dateInputParams('deadline', 'Deadline for leads', values.deadline, {
        error: errors.fieldErrors.deadline,
        hint: 'Leads give their updates by this day. For example, 19 4 2026',
        legendClasses: 'govuk-fieldset__legend--m',
      }),
      actionItems: loaded.actions.map((a) => ({
        value: a.id,
        text: `${a.label}: ${a.text.length > 120 ? `${a.text.slice(0, 117)}...` : a.text}`,
        hint: {
          text: [
            a.complete ? 'Complete' : a.leads.map((l) => l.name).join('; '),
            !a.complete && recurringIn(a, today)
              ? 'Recurring: every round includes it, chosen or not'
              : '',
          ]
            .filter(Boolean)
            .join('. '),
        },
        checked:
          (!a.complete && recurringIn(a, today)) ||
          (values.actions ? values.actions.includes(a.id) : !a.complete),
      })),
    });
  }

  server.get('/plans/:planId/rounds/:roundId', config, async (request, reply) => {
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    return renderRound(reply, request, planId, roundId);
  });

  async function renderRound(
    reply: FastifyReply,
    request: FastifyRequest,
    planId: string,
    roundId: string,
    issues: FormIssue[] = [],
    typed = dateParts(null),
    /** The deadline form as it was read (kept for a mistake; re-read after a conflict). */
    read?: DeadlineForm,
  ) {
    const page = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const view = await app.services.plans.get(trx, planId);
      const { round, actions } = await app.services.rounds.progress(trx, planId, roundId);
      const mail = sendingRows(await app.services.roundMail.sending(trx, planId, round.id));
      return {
        ...roundPage(planId, view.plan.title, round, actions),
        mail,
        deadlineForm: read ?? deadlineForm(round),
      };
    });
    const errors = formErrors(issues, { deadline: 'deadline-day' });
    const code = page.deadlineForm.conflict ? 409 : issues.length ? 400 : 200;
    return reply.code(code).render('round.njk', {
      title: page.name,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      round: page,
      deadline: dateInputParams('deadline', 'New deadline', typed, {
        error: errors.fieldErrors.deadline,
        hint: 'For example, 26 4 2026',
      }),
      remindToken: onceOnlyKey(undefined),
      mailLogged: app.mailer.mode === 'log',
    });
  }

  server.post('/plans/:planId/rounds/:roundId/remind', config, async (request, reply) => {
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    const key = onceOnlyKey(formValues(request, ['token']).token);
    const issues = await app
      .transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        await app.services.roundMail.remindNow(trx, who(request), planId, roundId, key);
        return null;
      })
      .catch((error: unknown) => {
        const refused = serviceIssues(error, FIELDS, 'remind');
        if (!refused) throw error;
        return refused;
      });
    if (issues) return renderRound(reply, request, planId, roundId, issues);
    const banner = app.mailer.mode === 'log' ? 'round-reminded-log' : 'round-reminded';
    return redirectSaved(reply, roundHref(planId, roundId), banner);
  });

  server.post('/plans/:planId/rounds/:roundId/deadline', config, async (request, reply) => {
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    const v = formValues(request, [
      'deadline-day',
      'deadline-month',
      'deadline-year',
      'version',
      'original',
    ]);
    const typed = {
      day: v['deadline-day'] ?? '',
      month: v['deadline-month'] ?? '',
      year: v['deadline-year'] ?? '',
    };
    const deadline = isoFromParts(typed);
    const issues = await app
      .transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        const read = v.version ? { version: v.version } : {};
        await app.services.rounds.extend(trx, who(request), planId, roundId, deadline ?? '', read);
        return null;
      })
      .catch((error: unknown) => {
        if (error instanceof EditConflict) return error;
        const refused = serviceIssues(error, FIELDS, 'deadline');
        if (!refused) throw error;
        return refused.map((i) => (!deadline ? { ...i, text: MESSAGES.deadline } : i));
      });
    if (!issues) return redirectSaved(reply, roundHref(planId, roundId), 'round-extended');
    if (issues instanceof EditConflict) {
      const again = deadlineConflict(issues, v.original, deadline ?? '');
      return renderRound(reply, request, planId, roundId, [], typed, again);
    }
    const read = v.version
      ? { version: v.version, original: v.original ?? '', conflict: null }
      : undefined;
    return renderRound(reply, request, planId, roundId, issues, typed, read);
  });

  server.post('/plans/:planId/rounds/:roundId/close', config, async (request, reply) => {
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    const issues = await app
      .transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        await app.services.rounds.close(trx, who(request), planId, roundId);
        return null;
      })
      .catch((error: unknown) => {
        const refused = serviceIssues(error, FIELDS, 'close');
        if (!refused) throw error;
        return refused;
      });
    if (!issues) return redirectSaved(reply, roundHref(planId, roundId), 'round-closed');
    return renderRound(reply, request, planId, roundId, issues);
  });
}
