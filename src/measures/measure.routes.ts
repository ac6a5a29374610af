import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../access/policy.js';
import { NotFoundError } from '../lib/errors.js';
import { planAsSeen } from '../plans/plan-as-seen.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, readForm, serviceIssues } from '../web/forms.js';
import { SignInRequired, authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { measureFilterOf, measureListPage, measuresCsv } from './measure-list.view-model.js';
import { measurePage } from './measure-page.view-model.js';
import { VALUE_FIELDS, valueForm } from './measure-value.form.js';
import { sentValues, valueConflict } from './measure-value-conflict.js';
import { shownValues, valueKey } from './measure-value-version.js';
import { ACTUAL } from './measure.schema.js';
import { EditConflict } from '../plans/content/edit-version.js';
import type { ConflictRow } from '../web/edit-conflict.js';

// A measure's page (latest value, target, impact, chart, every value) and its form to add
// or correct a value for a period. One transaction per save.

type Params = { planId: string; measureId: string };
const EMPTY = Object.fromEntries(VALUE_FIELDS.map((f) => [f, ''])) as Record<string, string>;

export function registerMeasureRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const path = '/plans/:planId/measures/:measureId';

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, string> = EMPTY,
    issues: FormIssue[] = [],
    conflict: ConflictRow[] | null = null,
  ) {
    const { planId, measureId } = request.params as Params;
    const page = await app.transaction(async (trx) => {
      const { doc, asAt, day, canEdit, keep } = await planAsSeen(app, trx, request, planId);
      const m = measurePage(doc, planId, measureId, day, canEdit, keep);
      const values = doc.measureValues.filter((v) => v.measureId === measureId);
      const shown = shownValues(values, (v) => v.series ?? ACTUAL);
      return m && { ...m, asAt, shown: issues.length && form.shown ? form.shown : shown };
    });
    if (!page) throw new NotFoundError('This plan has no such measure');
    const code = conflict ? 409 : issues.length ? 400 : 200;
    return reply.code(code).render('measure.njk', {
      title: page.name,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(issues),
      m: page,
      form,
      conflict,
    });
  }

  server.get(path, { config: { policy: 'viewPlan' } }, (request, reply) => show(request, reply));

  /** The plan as the page is seen: today's, or rebuilt as at the address's day. */
  async function seen(request: FastifyRequest) {
    const { planId } = request.params as { planId: string };
    const page = await app.transaction((trx) => planAsSeen(app, trx, request, planId));
    return { planId, ...page };
  }

  server.get(
    '/plans/:planId/measures',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { planId, doc, asAt, day, canEdit, keep } = await seen(request);
      const filter = measureFilterOf(request.query, doc);
      const list = measureListPage(doc, planId, day, filter, keep, canEdit);
      return reply.render('measures.njk', {
        title: 'Measures',
        nav: 'plans',
        csrfToken: request.signedIn?.session.csrfToken,
        list: { ...list, asAt },
      });
    },
  );

  server.get(
    '/plans/:planId/measures.csv',
    { config: { policy: 'viewPlan' } },
    async (request, reply) => {
      const { doc, day } = await seen(request);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="measures.csv"')
        .send(measuresCsv(doc, day, measureFilterOf(request.query, doc)));
    },
  );

  server.post(`${path}/values`, { config: { policy: 'editPlan' } }, async (request, reply) => {
    const { planId, measureId } = request.params as Params;
    const values = formValues(request, [...VALUE_FIELDS, 'shown']);
    const shown = sentValues(values.shown);
    const read = readForm(valueForm, values);
    const user = request.signedIn?.user;
    if (!user) throw new SignInRequired('Sign in to enter a value');
    const outcome = await app
      .transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        if (!read.ok) return read.issues;
        const v = read.value;
        await app.services.measureValues.record(
          trx,
          app.changeBy(user),
          planId,
          {
            measureId,
            series: v.series,
            period: v.period.end,
            periodLabel: v.period.label,
            value: v.value,
            missing: v.missing,
            provisional: v.provisional,
            note: v.note,
            source: v.source,
            enteredBy: user.name,
          },
          shown ? { shown } : {},
        );
        return [];
      })
      .catch((error: unknown) => {
        if (error instanceof EditConflict) return error;
        const refused = serviceIssues(error, { value: 'value', period: 'period' }, 'value');
        if (!refused) throw error;
        return refused;
      });
    if (outcome instanceof EditConflict && shown && read.ok) {
      const key = valueKey(read.value.series?.trim() || ACTUAL, read.value.period.end);
      const rows = valueConflict(
        outcome,
        shown,
        key,
        read.value.period.label ?? values.period ?? '',
        values.value ?? '',
      );
      return show(request, reply, { ...values, shown: '' }, [], rows);
    }
    if (outcome instanceof EditConflict) throw outcome;
    if (outcome.length) return show(request, reply, values, outcome);
    return redirectSaved(
      reply,
      `/plans/${planId}/measures/${encodeURIComponent(measureId)}`,
      'value',
    );
  });
}
