import { type ConflictRow, originalValues, resolveConflict } from '../../web/edit-conflict.js';
import { EditConflict, versionOf } from './edit-version.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectSaved } from '../../web/banner.js';
import { policy } from '../../access/policy.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { authorisePlan } from '../../web/guard.js';
import { formValues, personalDataIssues } from '../../web/forms.js';
import { isDuplicateKey, onceOnlyKey } from '../../web/once-only.js';
import { pendingFormFor, type RouteContext } from '../../web/route-context.js';
import { PLAN_ENTITIES } from './plan-entities.js';
import {
  checkLengths,
  type ContentForm,
  type Doc,
  type FormContext,
  type Issue,
  type Referable,
} from './content-form.js';
import { formPage } from './content-form.view-model.js';
import { actionForm, recommendationForm } from '../../actions/action-forms.js';
import { costForm } from '../../costs/cost-form.js';
import { riskForm } from '../../risks/risk-form.js';
import { sectionForm, themeForm } from './structure-forms.js';
import { measureForm } from '../../measures/measure-form.js';

// Adding and changing a plan's content: one generic pair of routes per kind, driven by the
// kind's form (structure-forms.ts, actions/action-forms.ts, measures/, risks/, costs/). Every save goes through the content
// service in one transaction, so it is validated like the CLI's and appears in history.

export type AnyForm = ContentForm<Referable>;
/** The kinds with add and change pages here (a new action is added under its recommendation). */
export const EDIT_FORMS: AnyForm[] = [
  sectionForm,
  themeForm,
  recommendationForm,
  measureForm,
  riskForm,
  costForm,
];

// Service issue paths whose form field has another name.
const PATH_FIELDS: Record<string, string> = {
  amountPence: 'amount',
  baseline: 'baselineText',
  actionId: 'actionRef',
  actionIds: 'actionRefs',
  recommendationIds: 'recommendationRefs',
  controlActionIds: 'controlActionRefs',
  rangeLow: 'direction',
  rangeHigh: 'direction',
};

const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');

/** Loads the plan for an editor: 404 for unknown or foreign plans, 403 for other roles. */
export async function loadForEdit(
  app: RouteContext['app'],
  request: FastifyRequest,
): Promise<{ planId: string; doc: Doc }> {
  const { planId } = request.params as { planId: string };
  return app.transaction(async (trx) => {
    await authorisePlan(app, trx, request, planId, policy.editPlan);
    return { planId, doc: await app.services.documents.export(trx, planId) };
  });
}

/** The item of this kind with this id in the plan, or a 404. */
export function findItem(form: AnyForm, doc: Doc, id: string): Referable {
  const item = form.items(doc).find((i) => i.id === id);
  if (!item) throw new NotFoundError(`This plan has no ${form.noun} ${id}`);
  return item;
}

/** The id the address names for this kind. */
export function paramOf(request: FastifyRequest, form: AnyForm): string {
  return (request.params as Record<string, string | undefined>)[form.param] ?? '';
}

/** An existing item's form: the version it was opened at, and what someone else changed. */
interface Edit {
  version: string;
  original: Record<string, string>;
  conflict?: ConflictRow[];
}

export function registerContentEditRoutes(server: FastifyInstance, { app }: RouteContext): void {
  interface Page {
    form: AnyForm;
    planId: string;
    doc: Doc;
    ctx: FormContext;
    item: Referable | null;
    postHref: string;
    backHref: string;
  }

  function render(
    reply: FastifyReply,
    request: FastifyRequest,
    page: Page,
    values: Record<string, string>,
    issues: Issue[],
    token?: string,
    edit?: Edit,
  ) {
    const { form, item, doc } = page;
    const noun = form.noun;
    const code = edit?.conflict ? 409 : issues.length ? 400 : 200;
    return reply.code(code).render('content-form.njk', {
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formPage({
        title: item ? `Change this ${noun}` : `Add ${article(noun)} ${noun}`,
        caption: item ? form.name(item) : doc.plan.title,
        postHref: page.postHref,
        backHref: page.backHref,
        backText: 'Back',
        submitText: item ? 'Save changes' : `Add ${article(noun)} ${noun}`,
        fields: form.fields(page.ctx),
        values,
        issues,
        token,
        version: edit?.version,
        original: edit ? JSON.stringify(edit.original) : undefined,
        conflict: edit?.conflict,
      }),
    });
  }

  /** An existing item's version and fields as its form was opened, from the database. */
  async function opened(page: Page): Promise<Edit | undefined> {
    if (!page.item) return undefined;
    const id = page.item.id;
    const row = await app.transaction((trx) =>
      app.services.content.get(trx, page.planId, page.form.kind, id),
    );
    return { version: versionOf(row), original: page.form.values(page.item, page.ctx) };
  }

  /** What was sent back of the form as it was opened. */
  function sentEdit(request: FastifyRequest): Edit | undefined {
    const sent = formValues(request, ['version', 'original']);
    if (!sent.version) return undefined;
    return { version: sent.version, original: originalValues(sent.original) };
  }

  async function show(request: FastifyRequest, reply: FastifyReply, page: Page) {
    const kept = await pendingFormFor(app, request, request.url.split('?')[0] ?? '');
    const values = { ...page.form.values(page.item, page.ctx), ...kept };
    const token = page.item ? undefined : onceOnlyKey(kept?.token);
    return render(reply, request, page, values, [], token, await opened(page));
  }

  async function save(request: FastifyRequest, reply: FastifyReply, page: Page) {
    const { form, planId, item } = page;
    const fields = form.fields(page.ctx);
    const values = formValues(
      request,
      fields.map((f) => f.name),
    );
    const token = onceOnlyKey(formValues(request, ['token']).token);
    let issues = checkLengths(fields, values);
    const { input, issues: unread } = form.read(values, page.ctx, item);
    issues = issues.concat(unread.filter((u) => !issues.some((i) => i.field === u.field)));
    // Every kind's typed text goes through the shared personal-data guard.
    issues = issues.concat(
      personalDataIssues(values).filter((u) => !issues.some((i) => i.field === u.field)),
    );
    const edit = item ? (sentEdit(request) ?? (await opened(page))) : undefined;
    if (issues.length) return render(reply, request, page, values, issues, token, edit);
    const changeBy = app.changeBy(request.signedIn?.user ?? 'unknown');
    const id = item?.id ?? `${PLAN_ENTITIES[form.kind].idPrefix}-${token}`;
    let saved: { id: string } & Record<string, unknown>;
    try {
      saved = await app.transaction((trx) =>
        item
          ? app.services.content.update(trx, changeBy, planId, form.kind, id, input, {
              version: edit?.version,
            })
          : app.services.content.add(trx, changeBy, planId, form.kind, { id, ...input }),
      );
    } catch (error) {
      // The same "add" sent twice (a double click, a resent form): the first one stands.
      if (!item && isDuplicateKey(error)) {
        saved = await app.transaction((trx) =>
          app.services.content.get(trx, planId, form.kind, id),
        );
        return redirectSaved(reply, form.done(planId, saved), 'content');
      }
      if (error instanceof EditConflict && item && edit) {
        // The page as it is saved now, with this person's own changes on top.
        const now = findItem(form, (await loadForEdit(app, request)).doc, item.id);
        const labelled = fields.map((f): [string, string] => [
          f.label.replace(/ \(optional\)$/, ''),
          f.name,
        ]);
        const resolved = resolveConflict(
          labelled,
          edit.original,
          form.values(now, page.ctx),
          values,
        );
        return render(reply, request, { ...page, item: now }, resolved.form, [], token, {
          version: versionOf(error.current),
          original: form.values(now, page.ctx),
          conflict: resolved.rows,
        });
      }
      if (!(error instanceof ValidationError)) throw error;
      const names = new Set(fields.map((f) => f.name));
      const found = error.issues
        .map((i) => {
          const path = i.path.split('.')[0] ?? '';
          return PATH_FIELDS[path] ?? path;
        })
        .filter((f) => names.has(f));
      const first = fields.find((f) => names.has(f.name))?.name ?? '';
      const failed = found.length ? [...new Set(found)] : [first];
      return render(
        reply,
        request,
        page,
        values,
        failed.map((f) => ({ field: f, text: fields.find((x) => x.name === f)?.message ?? '' })),
        token,
        edit,
      );
    }
    return redirectSaved(reply, form.done(planId, saved), 'content');
  }

  const config = { config: { policy: 'editPlan' as const } };
  for (const form of EDIT_FORMS) {
    const base = `/plans/:planId/${form.segment}`;
    const newPage = async (request: FastifyRequest): Promise<Page> => {
      const { planId, doc } = await loadForEdit(app, request);
      return {
        form,
        planId,
        doc,
        ctx: { doc },
        item: null,
        postHref: `/plans/${planId}/${form.segment}/new`,
        backHref: `/plans/${planId}/edit`,
      };
    };
    const editPage = async (request: FastifyRequest): Promise<Page> => {
      const { planId, doc } = await loadForEdit(app, request);
      const item = findItem(form, doc, paramOf(request, form));
      const href = `/plans/${planId}/${form.segment}/${encodeURIComponent(item.id)}/edit`;
      return {
        form,
        planId,
        doc,
        ctx: { doc },
        item,
        postHref: href,
        backHref: form.done(planId, item),
      };
    };
    server.get(`${base}/new`, config, async (req, reply) => show(req, reply, await newPage(req)));
    server.post(`${base}/new`, config, async (req, reply) => save(req, reply, await newPage(req)));
    server.get(`${base}/:${form.param}/edit`, config, async (req, reply) =>
      show(req, reply, await editPage(req)),
    );
    server.post(`${base}/:${form.param}/edit`, config, async (req, reply) =>
      save(req, reply, await editPage(req)),
    );
  }

  // A new action, under its recommendation.
  const newAction = async (request: FastifyRequest): Promise<Page> => {
    const { planId, doc } = await loadForEdit(app, request);
    const rec = findItem(recommendationForm, doc, (request.params as { recId: string }).recId);
    const recHref = `/plans/${planId}/recommendations/${encodeURIComponent(rec.id)}`;
    return {
      form: actionForm,
      planId,
      doc,
      ctx: { doc, parentId: rec.id },
      item: null,
      postHref: `${recHref}/actions/new`,
      backHref: recHref,
    };
  };
  const actionPath = '/plans/:planId/recommendations/:recId/actions/new';
  server.get(actionPath, config, async (req, reply) => show(req, reply, await newAction(req)));
  server.post(actionPath, config, async (req, reply) => save(req, reply, await newAction(req)));
}
