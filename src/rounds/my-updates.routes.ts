import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { leadNamesOf, leadsAction, policy } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { RevisionCache } from '../db/write-epoch.js';
import { AppError, ValidationError } from '../lib/errors.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, personalDataIssues } from '../web/forms.js';

type FormErrors = ReturnType<typeof formErrors>;
import { authorisePlan, SignInRequired } from '../web/guard.js';
import { isDuplicateKey, onceOnlyKey } from '../web/once-only.js';
import type { RouteContext } from '../web/route-context.js';
import { type Entry, type LastUpdate, myUpdatesPage } from './my-updates.view-model.js';
import { myUpdatesHref } from './round.view-model.js';

// "Your updates for <round>": every action of the round the signed-in person leads (by their
// name or a role title they hold), each with its status and last update, and one form for all
// of them. Each press of a save button saves every update filled in, in one transaction, or
// (when one has a problem) none of them, with the problems in the error summary by action.

/** One entry's refusal by the content service, carried out of the transaction to roll it back. */
class EntryRefused extends AppError {
  constructor(
    readonly index: number,
    readonly issue: string,
  ) {
    super(issue);
  }
}

export function registerMyUpdatesRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const path = '/plans/:planId/rounds/:roundId/my-updates';
  const config = { config: { policy: 'updateAction' as const } };

  /** The round and the person's actions in it, after the one check. */
  async function load(trx: Db, request: FastifyRequest) {
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.giveUpdates);
    const { round, actions } = await app.services.rounds.progress(trx, planId, roundId);
    const { scheme } = await app.services.plans.get(trx, planId);
    const theirs = actions.filter((a) => leadsAction(actor, plan.organisationId, a.leads));
    // Their actions' updates only (a plan's years of updates are not read for ten actions).
    const updates = await app.services.content.list(
      trx,
      planId,
      'update',
      theirs.map((a) => a.id),
    );
    const lastOf = (actionId: string): LastUpdate | null => {
      const mine = updates
        .filter((u) => u.actionId === actionId)
        .sort(
          (a, b) =>
            String(a.date).localeCompare(String(b.date)) || Number(a.position) - Number(b.position),
        );
      const last = mine.at(-1);
      return last
        ? { date: String(last.date), author: String(last.author), text: String(last.text) }
        : null;
    };
    const mine = theirs.map((a) => ({ ...a, last: lastOf(a.id) }));
    return { planId, round, scheme: scheme.statuses, actions: mine };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  function render(
    reply: FastifyReply,
    request: FastifyRequest,
    loaded: Loaded,
    token: string,
    entries: Entry[] | null = null,
    issues: FormIssue[] = [],
  ) {
    const errors = formErrors(issues);
    return reply.code(issues.length ? 400 : 200).render('my-updates.njk', {
      ...pageContext(request, loaded, errors),
      token,
      page: viewOf(loaded, entries, errors),
    });
  }

  function pageContext(request: FastifyRequest, loaded: Loaded, errors: FormErrors) {
    return {
      title: `Your updates for ${loaded.round.name}`,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      postHref: myUpdatesHref(loaded.planId, loaded.round.id),
    };
  }

  function viewOf(loaded: Loaded, entries: Entry[] | null = null, errors = formErrors([])) {
    return myUpdatesPage({
      planId: loaded.planId,
      round: loaded.round,
      scheme: loaded.scheme,
      actions: loaded.actions,
      entries,
      errors,
    });
  }
  const views = new WeakMap<Loaded, ReturnType<typeof viewOf>>();

  // What the page shows is kept while the council's revision stands, per person and the lead
  // names they answer for; the form's once-only token is new on every view (a hole in the
  // kept page's bytes).
  const kept = new RevisionCache<Loaded>(200);
  server.get(path, config, async (request, reply) => {
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    const { actor, plan } = await authorisePlan(app, app.db, request, planId, policy.giveUpdates);
    const key = JSON.stringify([
      planId,
      roundId,
      actor.userId,
      leadNamesOf(actor, plan.organisationId),
      app.clock.today(),
    ]);
    let loaded = kept.get(key, plan.revision);
    if (!loaded) {
      loaded = await app.transaction((trx) => load(trx, request));
      kept.set(key, plan.revision, loaded);
    }
    // The page's view, made once per kept load, and the page's bytes kept with it.
    let page = views.get(loaded);
    if (!page) views.set(loaded, (page = viewOf(loaded)));
    return reply.renderKept(
      'my-updates.njk',
      { ...pageContext(request, loaded, formErrors([])), page },
      page,
      { token: onceOnlyKey(undefined) },
    );
  });

  server.post(path, config, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const token = onceOnlyKey(body.token);
    const user = request.signedIn?.user;
    if (!user) throw new SignInRequired('Sign in to give your updates');
    const outcome = await app
      .transaction(async (trx) => {
        const loaded = await load(trx, request);
        const entries: Entry[] = loaded.actions.map((a, i) => ({
          actionId: a.id,
          text: field(`text-${i}`),
          status: field(`status-${i}`),
        }));
        const codes = new Set(loaded.scheme.map((s) => s.code));
        const issues: FormIssue[] = [];
        const filled = entries
          .map((e, i) => ({ e, i, a: loaded.actions[i] }))
          .filter(
            ({ e, a }) =>
              e.text.trim() !== '' || (e.status !== '' && e.status !== (a?.status ?? '')),
          );
        for (const { e, i, a } of filled) {
          if (!e.text.trim())
            issues.push({
              field: `text-${i}`,
              text: `Enter what has happened since the last update on ${a?.label ?? 'this action'}`,
            });
          if (!codes.has(e.status))
            issues.push({
              field: `status-${i}`,
              text: `Choose the status you propose for ${a?.label ?? 'this action'}`,
            });
        }
        issues.push(
          ...personalDataIssues(
            Object.fromEntries(filled.map(({ e, i }) => [`text-${i}`, e.text])),
          ),
        );
        if (!filled.length && loaded.actions.length)
          issues.push({
            field: 'text-0',
            text: 'Enter an update for at least one of your actions',
          });
        if (issues.length) return { loaded, entries, issues, next: false };
        let next = false;
        for (const { e, i, a } of filled) {
          try {
            const counted = await app.services.updates.add(
              trx,
              app.changeBy(user),
              loaded.planId,
              {
                id: `u-${token}-${i}`,
                actionId: e.actionId,
                date: app.clock.today(),
                author: user.name,
                text: e.text,
                proposedStatus: e.status,
                evidence: [],
              },
              null,
            );
            next ||= counted.kind === 'next';
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            const why = error.issues[0]?.message ?? 'is not valid';
            throw new EntryRefused(i, `The update on ${a?.label ?? 'this action'}: ${why}`);
          }
        }
        return { loaded, entries, issues: [], next };
      })
      .catch(async (error: unknown) => {
        if (isDuplicateKey(error)) return 'saved-before' as const;
        if (!(error instanceof EntryRefused)) throw error;
        const loaded = await app.transaction((trx) => load(trx, request));
        const entries = loaded.actions.map((a, i) => ({
          actionId: a.id,
          text: field(`text-${i}`),
          status: field(`status-${i}`),
        }));
        return {
          loaded,
          entries,
          issues: [{ field: `text-${error.index}`, text: error.issue }],
          next: false,
        };
      });
    const { planId, roundId } = request.params as { planId: string; roundId: string };
    if (outcome === 'saved-before' || !outcome.issues.length) {
      const next = outcome !== 'saved-before' && outcome.next;
      return redirectSaved(
        reply,
        myUpdatesHref(planId, roundId),
        next ? 'update-next-round' : 'updates',
      );
    }
    return render(reply, request, outcome.loaded, token, outcome.entries, outcome.issues);
  });
}
