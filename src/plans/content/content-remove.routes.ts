import { formValues } from '../../web/forms.js';
import { redirectSaved } from '../../web/banner.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError } from '../../lib/errors.js';
import type { RouteContext } from '../../web/route-context.js';
import { ENTITY_KINDS, PLAN_ENTITIES } from './plan-entities.js';
import type { Doc, Referable } from './content-form.js';
import { formErrors } from '../../web/forms.js';
import { actionForm, recommendationForm } from '../../actions/action-forms.js';
import { type AnyForm, EDIT_FORMS, findItem, loadForEdit, paramOf } from './content-edit.routes.js';

// Removing a thing from a plan (after a confirmation page), and moving recommendations and
// actions up or down. Plain forms: no JavaScript needed.

/** What in the plan refers to this item, as "measure Care leavers…" words. */
function usersOf(doc: Doc, form: AnyForm, id: string, except: string[] = []): string[] {
  const words: string[] = [];
  for (const other of ENTITY_KINDS) {
    if (except.includes(other)) continue;
    const def = PLAN_ENTITIES[other];
    const refs = def.references.filter((r) => r.kind === form.kind);
    if (refs.length === 0) continue;
    for (const row of doc[def.documentKey] as Array<Record<string, unknown> & Referable>) {
      const uses = refs.some((r) =>
        r.many ? (row[r.field] as string[]).includes(id) : row[r.field] === id,
      );
      if (uses) words.push(`${def.noun} ${row.ref ?? row.id}`);
    }
  }
  return words;
}

export function registerContentRemoveRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };

  async function load(request: FastifyRequest, form: AnyForm) {
    const { planId, doc } = await loadForEdit(app, request);
    const item = findItem(form, doc, paramOf(request, form));
    const actions =
      form.kind === 'recommendation'
        ? doc.actions.filter((a) => a.recommendationId === item.id)
        : [];
    const others = doc.recommendations.filter((r) => r.id !== item.id);
    const blockers = usersOf(doc, form, item.id, form.kind === 'recommendation' ? ['action'] : []);
    const back =
      form.kind === 'action' || form.kind === 'recommendation'
        ? form.done(planId, item)
        : `/plans/${planId}/edit`;
    return { planId, doc, item, actions, others, blockers, back };
  }

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: AnyForm,
    loaded: Awaited<ReturnType<typeof load>>,
    problem?: { field: string; text: string },
    moveTo = '',
  ) {
    const { planId, item, actions, others, blockers, back } = loaded;
    const name = form.name(item);
    const explanation: string[] = [];
    let possible = blockers.length === 0;
    if (blockers.length) {
      explanation.push(
        `${name} cannot be removed while these refer to it: ${blockers.join(', ')}. Change or remove them first.`,
      );
    }
    const movable = actions.length > 0 && possible;
    if (movable && others.length === 0) {
      possible = false;
      explanation.push(
        `${name} has ${actions.length} action${actions.length === 1 ? '' : 's'} and there is no other recommendation to move them to. Remove its actions first.`,
      );
    } else if (movable) {
      explanation.push(
        `${name} has ${actions.length} action${actions.length === 1 ? '' : 's'}. They will not be removed: they move to the recommendation you choose, keeping their updates and history.`,
      );
    }
    const { errors, fieldErrors } = formErrors(problem ? [problem] : []);
    return reply.code(problem ? 400 : 200).render('content-remove.njk', {
      title: `Remove ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      errors,
      remove: {
        caption: loaded.doc.plan.title,
        heading: `Are you sure you want to remove ${name.charAt(0).toLowerCase()}${name.slice(1)}?`,
        summary: 'text' in item ? String(item.text) : '',
        warning: 'It will be removed from the plan. The plan’s history keeps a record of it.',
        explanation,
        possible,
        submitText: movable
          ? `Move the actions and remove this ${form.noun}`
          : `Remove this ${form.noun}`,
        postHref: `/plans/${planId}/${form.segment}/${encodeURIComponent(item.id)}/remove`,
        backHref: back,
        moveTo:
          movable && others.length
            ? {
                id: 'moveTo',
                name: 'moveTo',
                label: { text: 'Move its actions to', classes: 'govuk-label--s' },
                errorMessage: fieldErrors.moveTo,
                items: [{ value: '', text: 'Choose a recommendation' }].concat(
                  others.map((r) => ({
                    value: r.id,
                    text: `Recommendation ${r.ref ?? r.id}`,
                    selected: r.id === moveTo,
                  })),
                ),
              }
            : null,
      },
    });
  }

  for (const form of [...EDIT_FORMS, actionForm as AnyForm]) {
    const path = `/plans/:planId/${form.segment}/:${form.param}/remove`;
    server.get(path, config, async (request, reply) =>
      render(request, reply, form, await load(request, form)),
    );
    server.post(path, config, async (request, reply) => {
      const loaded = await load(request, form);
      const { planId, item, actions, others } = loaded;
      const { moveTo = '' } = formValues(request, ['moveTo']);
      if (actions.length && !others.some((r) => r.id === moveTo)) {
        return render(request, reply, form, loaded, {
          field: 'moveTo',
          text: 'Choose the recommendation its actions move to',
        });
      }
      const changeBy = app.changeBy(request.signedIn?.user ?? 'unknown');
      try {
        await app.transaction(async (trx) => {
          for (const a of actions) {
            await app.services.content.update(trx, changeBy, planId, 'action', a.id, {
              recommendationId: moveTo,
            });
          }
          await app.services.content.remove(trx, changeBy, planId, form.kind, item.id);
        });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return render(
          request,
          reply,
          form,
          loaded,
          { field: 'moveTo', text: error.message },
          moveTo,
        );
      }
      const after =
        form.kind === 'recommendation'
          ? `/plans/${planId}/edit#recommendations`
          : form.kind === 'action'
            ? loaded.back
            : `/plans/${planId}/edit#${form.segment}`;
      return redirectSaved(reply, after, 'removed');
    });
  }

  // Move up or down: the position the page showed is sent back, so a form sent twice moves once.
  for (const form of [recommendationForm as AnyForm, actionForm as AnyForm]) {
    const path = `/plans/:planId/${form.segment}/:${form.param}/move`;
    server.post(path, config, async (request, reply) => {
      const { planId, doc } = await loadForEdit(app, request);
      const item = findItem(form, doc, paramOf(request, form));
      const { direction, from } = formValues(request, ['direction', 'from']);
      const within = form.kind === 'action' ? 'recommendationId' : undefined;
      const siblings = form
        .items(doc)
        .filter((i) => within === undefined || i[within] === item[within]);
      const index = siblings.findIndex((i) => i.id === item.id);
      if ((direction === 'up' || direction === 'down') && String(index) === from) {
        await app.transaction((trx) =>
          app.services.content.move(
            trx,
            app.changeBy(request.signedIn?.user ?? 'unknown'),
            planId,
            form.kind,
            item.id,
            direction,
            within,
          ),
        );
      }
      const back =
        form.kind === 'action'
          ? `${form.done(planId, item)}#actions`
          : `/plans/${planId}/edit#recommendations`;
      return redirectSaved(reply, back, 'moved');
    });
  }
}
