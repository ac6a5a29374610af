import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../../access/policy.js';
import { type DateParts, isoFromParts } from '../../lib/date-parts.js';
import { redirectSaved } from '../../web/banner.js';
import { type FormIssue, formErrors, formValues, serviceIssues } from '../../web/forms.js';
import { authorisePlan } from '../../web/guard.js';
import type { RouteContext } from '../../web/route-context.js';
import { type Stage, STAGES } from './clock.repository.js';
import { STAGE_LABELS } from './clock.service.js';
import { EditConflict } from '../content/edit-version.js';
import { clockConflict, clockRead, type ClockRead } from './clock-conflict.js';
import { flatClock } from './clock-version.js';
import { clockForm, clockHref, type ClockValues, clockValues } from './clock.view-model.js';

// The statutory clock's dates, set by a plan manager: the day the report was received,
// whether a priority-action draft is due, and the day each stage was reached. One form, one
// transaction, every change in the plan's history.

const DATE_FIELDS = ['receivedOn', ...STAGES] as const;
const NAMES = [
  ...DATE_FIELDS.flatMap((f) => [`${f}-day`, `${f}-month`, `${f}-year`]),
  'priorityDraft',
];
const anchors = Object.fromEntries(DATE_FIELDS.map((f) => [f, `${f}-day`]));
const notReal = (field: (typeof DATE_FIELDS)[number]) =>
  field === 'receivedOn'
    ? 'Enter the day the report was received as a real date, like 1 4 2026, or leave it empty'
    : `${STAGE_LABELS[field]}: enter the day as a real date, like 19 6 2026, or leave it empty`;

export function registerClockRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };
  const planIdOf = (request: FastifyRequest) => (request.params as { planId: string }).planId;

  async function render(
    reply: FastifyReply,
    request: FastifyRequest,
    values: ClockValues | null,
    issues: FormIssue[] = [],
    /** What the form read (kept for a mistake; the dates saved now after a conflict). */
    read?: ClockRead,
  ) {
    const planId = planIdOf(request);
    const loaded = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const view = await app.services.plans.get(trx, planId);
      return { title: view.plan.title, facts: await app.services.clock.read(trx, planId) };
    });
    const errors = formErrors(issues, anchors);
    const form = read ?? clockRead(flatClock(loaded.facts));
    return reply.code(form.conflict ? 409 : issues.length ? 400 : 200).render('clock.njk', {
      title: 'Statutory clock',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      planTitle: loaded.title,
      planHref: `/plans/${planId}`,
      settingsHref: `/plans/${planId}/settings`,
      postHref: clockHref(planId),
      form: clockForm(values ?? clockValues(loaded.facts), errors.fieldErrors),
      read: form,
    });
  }

  server.get('/plans/:planId/clock', config, async (request, reply) =>
    render(reply, request, null),
  );

  server.post('/plans/:planId/clock', config, async (request, reply) => {
    const planId = planIdOf(request);
    const sent = formValues(request, [...NAMES, 'version', 'original']);
    const kept = sent.version
      ? { version: sent.version, original: sent.original ?? '', conflict: null }
      : undefined;
    const parts = (f: string): DateParts => ({
      day: sent[`${f}-day`] ?? '',
      month: sent[`${f}-month`] ?? '',
      year: sent[`${f}-year`] ?? '',
    });
    const values: ClockValues = {
      receivedOn: parts('receivedOn'),
      priorityDraft: sent.priorityDraft ?? '',
      stages: Object.fromEntries(STAGES.map((s) => [s, parts(s)])) as Record<Stage, DateParts>,
    };
    const issues: FormIssue[] = [];
    const dates = Object.fromEntries(
      DATE_FIELDS.map((f) => {
        const iso = isoFromParts(parts(f));
        if (iso === undefined) issues.push({ field: f, text: notReal(f) });
        return [f, iso ?? null];
      }),
    ) as Record<(typeof DATE_FIELDS)[number], string | null>;
    if (values.priorityDraft !== 'yes' && values.priorityDraft !== 'no')
      issues.push({
        field: 'priorityDraft',
        text: 'Choose whether a first draft is due for areas for priority action',
      });
    if (issues.length) return render(reply, request, values, issues, kept);
    const input = {
      receivedOn: dates.receivedOn,
      priorityDraft: values.priorityDraft === 'yes',
      stages: Object.fromEntries(STAGES.map((s) => [s, dates[s]])) as Record<Stage, string | null>,
    };
    const refused = await app
      .transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        await app.services.clock.save(
          trx,
          app.changeBy(request.signedIn?.user ?? 'unknown'),
          planId,
          input,
          kept ? { version: kept.version } : {},
        );
        return null;
      })
      .catch((error: unknown) => {
        if (error instanceof EditConflict) return error;
        const fields = Object.fromEntries(DATE_FIELDS.map((f) => [f, f]));
        const found = serviceIssues(error, fields, 'receivedOn');
        if (!found) throw error;
        return found;
      });
    if (refused instanceof EditConflict) {
      const again = clockConflict(refused, sent.original, flatClock(input));
      return render(reply, request, again.values, [], again.read);
    }
    if (refused) return render(reply, request, values, refused, kept);
    return redirectSaved(reply, `/plans/${planId}`, 'clock');
  });
}
