import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, personalDataIssues } from '../web/forms.js';
import { SignInRequired, authorisePlan } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { fieldOf, figuresPage, lastMonth } from './figures.view-model.js';
import { parsePeriod } from './measure-period.js';
import { readValue, VALUE_MESSAGES } from './measure-value.form.js';
import type { ValueEntry } from './measure-value.service.js';

// "This month's figures": every measure of the plan with one field each, for one period,
// saved together in one transaction or, when any figure is wrong, not at all.

type Params = { planId: string };

export function registerFiguresRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const path = '/plans/:planId/figures';

  async function load(trx: Db, request: FastifyRequest) {
    const { planId } = request.params as Params;
    await authorisePlan(app, trx, request, planId, policy.editPlan);
    return { planId, doc: await app.services.documents.export(trx, planId) };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    periodWords: string,
    typed: Record<string, string> | null = null,
    issues: FormIssue[] = [],
  ) {
    const { planId, doc } = await app.transaction((trx) => load(trx, request));
    const end = parsePeriod(periodWords)?.end ?? null;
    return reply.code(issues.length ? 400 : 200).render('figures.njk', {
      title: 'Enter figures',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(issues),
      figures: figuresPage(doc, planId, { words: periodWords, end }, typed),
    });
  }

  server.get(path, { config: { policy: 'editPlan' } }, (request, reply) => {
    const asked = (request.query as Record<string, unknown>).period;
    const words = typeof asked === 'string' && asked.trim() ? asked : lastMonth(app.clock.today());
    const issues = parsePeriod(words)
      ? []
      : [{ field: 'choose-period', text: VALUE_MESSAGES.period }];
    return show(request, reply, words, null, issues);
  });

  server.post(path, { config: { policy: 'editPlan' } }, async (request, reply) => {
    const user = request.signedIn?.user;
    if (!user) throw new SignInRequired('Sign in to enter figures');
    const typed = formValues(request);
    const outcome = await app.transaction(async (trx) => {
      const { planId, doc } = await load(trx, request);
      // The source is text a person typed: refused (nothing saved) if it holds a child's details.
      const issues: FormIssue[] = personalDataIssues({ source: typed.source ?? '' });
      const period = parsePeriod(typed.period ?? '');
      if (!period) issues.push({ field: 'period', text: VALUE_MESSAGES.period });
      const entries: ValueEntry[] = [];
      for (const m of doc.measures) {
        const field = fieldOf(m.id);
        const words = (typed[field] ?? '').trim();
        if (!words) continue;
        const value = readValue(words);
        if (!value) {
          issues.push({ field, text: `${m.name}: ${VALUE_MESSAGES.value}` });
          continue;
        }
        if (!period) continue;
        const entry: ValueEntry = {
          measureId: m.id,
          period: period.end,
          periodLabel: period.label,
          ...value,
          provisional: typed.provisional === 'yes',
          source: typed.source?.trim().slice(0, 200) || null,
          enteredBy: user.name,
        };
        for (const issue of await app.services.measureValues.check(trx, planId, entry)) {
          issues.push({
            field: issue.path === 'period' ? 'period' : field,
            text: issue.path === 'period' ? issue.message : `${m.name}: ${issue.message}`,
          });
        }
        entries.push(entry);
      }
      if (issues.length === 0 && entries.length === 0) {
        const first = doc.measures[0];
        issues.push({
          field: first ? fieldOf(first.id) : 'period',
          text: 'Enter at least one figure',
        });
      }
      if (issues.length) return { planId, issues };
      const ctx = app.changeBy(user);
      for (const entry of entries) await app.services.measureValues.record(trx, ctx, planId, entry);
      return { planId, issues };
    });
    if (outcome.issues.length) {
      // The same problem twice (a period outside the plan) is said once.
      const seen = new Set<string>();
      const issues = outcome.issues.filter((i) => !seen.has(i.field) && seen.add(i.field));
      return show(request, reply, typed.period ?? '', typed, issues);
    }
    return redirectSaved(reply, `/plans/${outcome.planId}/measures`, 'figures');
  });
}
