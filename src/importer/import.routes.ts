import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, policy } from '../access/policy.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../lib/errors.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { formErrors } from '../web/form-errors.js';
import { actorOf, enforce } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { MAX_UPLOAD_BYTES, uploadedFile } from '../web/uploads.js';
import { type DraftKey, DRAFT_LIFETIME_HOURS } from './import-draft.service.js';
import { dueText, type ItemKind } from './import-draft-rows.js';
import { anchorOf, reviewPage } from './import-review.view-model.js';
import { placeWarnings } from './import-warning-places.js';
import { leadKind } from './interpret/leads.js';

// Import: upload a document, review the draft beside the importer's warnings, correct or
// accept, confirm. The draft lives in import_draft until then; nothing of the plan exists
// before "Create the plan", and cancelling deletes the draft.

const UPLOAD_MESSAGES: Record<string, string> = {
  file: 'Select a Word, Excel, CSV, HTML or text file to import',
};
const TOO_LARGE = `The selected file must be smaller than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
const CHANGE_MESSAGES: Record<string, string> = {
  text: 'Enter the text',
  leads: 'Each lead must be 200 characters or fewer',
  due: 'Enter a due date we can understand, such as ‘End June 2026’, ‘Autumn 2026’ or ‘Ongoing’',
};
const NOTICES: Record<string, string> = {
  gone: 'That import is no longer available: it was cancelled, or it expired after 24 hours. Upload the file again to start over.',
  cancelled: 'The import was cancelled. Nothing from it was saved.',
};
const KINDS: Record<string, ItemKind> = { actions: 'action', recommendations: 'recommendation' };

/** Councils where this person may create plans (plan manager or administrator of the council). */
function creatableCouncils<T extends { id: string }>(actor: Actor, councils: T[]): T[] {
  return councils.filter((c) => policy.createPlan(actor, c.id) === 'allow');
}

export function registerImportRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const drafts = app.services.importDrafts;
  const base = '/councils/:councilSlug/import';

  /** The council named in the URL, if this person may import into it (else 404 or 403). */
  async function authorise(request: FastifyRequest) {
    const actor = actorOf(request);
    const { councilSlug } = request.params as { councilSlug: string };
    const council = (await app.transaction((trx) => app.services.access.listCouncils(trx))).find(
      (c) => c.slug === councilSlug,
    );
    if (!council) throw new NotFoundError('There is no such council');
    enforce(policy.createPlan(actor, council.id), 'council');
    const user = request.signedIn?.user;
    if (!user) throw new ForbiddenError('Sign in to import a plan');
    const href = `/councils/${encodeURIComponent(council.slug)}/import`;
    return { actor, council, user, href };
  }
  type Authorised = Awaited<ReturnType<typeof authorise>>;

  const keyOf = (request: FastifyRequest, who: Authorised): DraftKey => ({
    id: (request.params as { draftId: string }).draftId,
    userId: who.user.id,
    organisationId: who.council.id,
  });

  function renderUpload(
    reply: FastifyReply,
    request: FastifyRequest,
    who: Authorised,
    issues: Record<string, string> = {},
    notice?: string,
  ) {
    const { errors, fieldErrors } = formErrors(Object.keys(issues), issues);
    return reply.code(Object.keys(issues).length ? 400 : 200).render('import-upload.njk', {
      title: 'Import a plan',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      errors,
      fieldErrors,
      notice: notice ? NOTICES[notice] : undefined,
      council: who.council.name,
      postHref: who.href,
      lifetime: DRAFT_LIFETIME_HOURS,
    });
  }

  /** Where to send someone whose draft is not (or no longer) open. */
  function elsewhere(
    reply: FastifyReply,
    who: Authorised,
    found: { kind: string; planId?: string },
  ) {
    if (found.kind === 'confirmed' && found.planId)
      return reply.redirect(`/plans/${found.planId}`, 303);
    return reply.redirect(`${who.href}?notice=gone`, 303);
  }

  // Which council: straight to it when there is one, a choice when there are several.
  server.get('/import', { config: { policy: 'signed-in' } }, async (request, reply) => {
    const actor = actorOf(request);
    const councils = creatableCouncils(
      actor,
      await app.transaction((trx) => app.services.access.listCouncils(trx)),
    );
    const [only] = councils;
    if (councils.length === 1 && only) {
      return reply.redirect(`/councils/${encodeURIComponent(only.slug)}/import`, 303);
    }
    return reply.render('import-choose.njk', {
      title: 'Import a plan',
      nav: 'plans',
      councils: councils.map((c) => ({
        name: c.name,
        href: `/councils/${encodeURIComponent(c.slug)}/import`,
      })),
    });
  });

  server.get(base, { config: { policy: 'createPlan' } }, async (request, reply) => {
    const who = await authorise(request);
    const { notice } = request.query as { notice?: string };
    return renderUpload(reply, request, who, {}, notice);
  });

  server.post(base, { config: { policy: 'createPlan' } }, async (request, reply) => {
    const who = await authorise(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = uploadedFile(body.file);
    if (!file) return renderUpload(reply, request, who, { file: UPLOAD_MESSAGES.file ?? '' });
    if (file.truncated) return renderUpload(reply, request, who, { file: TOO_LARGE });
    const fileName = file.fileName.split(/[/\\]/).pop()?.slice(-200) ?? '';
    let draft;
    try {
      draft = await app.services.importer.draft(file.bytes, fileName);
    } catch (error) {
      // The importer's own words: empty, PDF, wrong type, damaged, zip bomb, no header found.
      if (!(error instanceof AppError)) throw error;
      return renderUpload(reply, request, who, { file: error.message });
    }
    const id = await app.transaction((trx) =>
      drafts.create(
        trx,
        app.clock.now(),
        { userId: who.user.id, organisationId: who.council.id },
        fileName,
        draft,
        placeWarnings(draft),
      ),
    );
    return reply.redirect(`${who.href}/${id}`, 303);
  });

  async function renderReview(
    request: FastifyRequest,
    reply: FastifyReply,
    who: Authorised,
    problems: string[] = [],
  ) {
    const found = await app.transaction((trx) =>
      drafts.open(trx, app.clock.now(), keyOf(request, who)),
    );
    if (found.kind !== 'open') return elsewhere(reply, who, found);
    const href = `${who.href}/${keyOf(request, who).id}`;
    const page = reviewPage(found.state, href, who.council.name, found.fileName);
    return reply.code(problems.length ? 400 : 200).render('import-review.njk', {
      title: 'Check the imported plan',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      errors: problems.map((text) => ({ text, href: '#confirm' })),
      review: page,
      confirmHref: `${href}/confirm`,
      cancelHref: `${href}/cancel`,
    });
  }

  server.get(`${base}/:draftId`, { config: { policy: 'createPlan' } }, async (request, reply) =>
    renderReview(request, reply, await authorise(request)),
  );

  // Correcting one row: its text, leads and due date.
  const changePath = `${base}/:draftId/:kind/:itemId`;
  async function loadItem(request: FastifyRequest, who: Authorised) {
    const { kind: plural, itemId } = request.params as { kind: string; itemId: string };
    const found = await app.transaction((trx) =>
      drafts.open(trx, app.clock.now(), keyOf(request, who)),
    );
    if (found.kind !== 'open') return { found };
    const kind = KINDS[plural];
    const doc = found.state.document;
    const item = (kind === 'action' ? doc.actions : kind ? doc.recommendations : []).find(
      (i) => i.id === itemId,
    );
    if (!kind || !item) throw new NotFoundError('This draft has no such row');
    return { found, kind, item };
  }

  function renderChange(
    reply: FastifyReply,
    request: FastifyRequest,
    who: Authorised,
    kind: ItemKind,
    item: { id: string; ref?: string | null },
    values: Record<string, string>,
    issues: string[] = [],
  ) {
    const review = `${who.href}/${keyOf(request, who).id}`;
    return reply.code(issues.length ? 400 : 200).render('import-change.njk', {
      title: kind === 'action' ? 'Correct this action' : 'Correct this recommendation',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(issues, CHANGE_MESSAGES),
      form: {
        heading: kind === 'action' ? 'Correct this action' : 'Correct this recommendation',
        caption: `${kind === 'action' ? 'Action' : 'Recommendation'} ${item.ref ?? item.id}`,
        backHref: `${review}#${anchorOf(kind, item.id)}`,
        postHref: `${review}/${kind}s/${encodeURIComponent(item.id)}`,
        values,
      },
    });
  }

  server.get(changePath, { config: { policy: 'createPlan' } }, async (request, reply) => {
    const who = await authorise(request);
    const loaded = await loadItem(request, who);
    if (!loaded.kind) return elsewhere(reply, who, loaded.found);
    const { kind, item } = loaded;
    return renderChange(reply, request, who, kind, item, {
      text: item.text,
      leads: item.leads.map((l) => l.name).join('\n'),
      due: dueText(item.due),
    });
  });

  server.post(changePath, { config: { policy: 'createPlan' } }, async (request, reply) => {
    const who = await authorise(request);
    const loaded = await loadItem(request, who);
    if (!loaded.kind || loaded.found.kind !== 'open') return elsewhere(reply, who, loaded.found);
    const { kind, item, found } = loaded;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const values = { text: field('text'), leads: field('leads'), due: field('due') };
    const leads = values.leads
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const issues: string[] = [];
    if (!values.text.trim()) issues.push('text');
    if (leads.some((l) => l.length > 200)) issues.push('leads');
    if (values.due.trim() && parseFuzzyDate(values.due).kind === 'unknown') issues.push('due');
    if (issues.length) return renderChange(reply, request, who, kind, item, values, issues);
    const corrected = {
      ...item,
      text: values.text.trim(),
      leads: leads.map((name) => ({ name, kind: leadKind(name) })),
      due: values.due.trim() || null,
    };
    const doc = found.state.document;
    const state = {
      ...found.state,
      document:
        kind === 'action'
          ? {
              ...doc,
              actions: doc.actions.map((a) => (a.id === item.id ? { ...a, ...corrected } : a)),
            }
          : {
              ...doc,
              recommendations: doc.recommendations.map((r) =>
                r.id === item.id ? { ...r, ...corrected } : r,
              ),
            },
      changed: [...new Set([...found.state.changed, `${kind}:${item.id}`])],
    };
    await app.transaction((trx) => drafts.saveState(trx, keyOf(request, who).id, state));
    return reply.redirect(`${who.href}/${keyOf(request, who).id}#${anchorOf(kind, item.id)}`, 303);
  });

  server.post(
    `${base}/:draftId/confirm`,
    { config: { policy: 'createPlan' } },
    async (request, reply) => {
      const who = await authorise(request);
      let outcome;
      try {
        outcome = await app.transaction(async (trx) =>
          drafts.confirm(
            trx,
            app.changeBy(who.user, 'Imported from an uploaded document'),
            keyOf(request, who),
            who.council,
          ),
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // Nothing was saved (the transaction rolled back): show what the plan still lacks.
        return renderReview(
          request,
          reply,
          who,
          error.issues
            .slice(0, 10)
            .map(
              (i) => `The plan cannot be created yet: ${i.path ? `${i.path}: ` : ''}${i.message}`,
            ),
        );
      }
      if (outcome.kind === 'created') return reply.redirect(`/plans/${outcome.planId}`, 303);
      return elsewhere(reply, who, outcome);
    },
  );

  server.post(
    `${base}/:draftId/cancel`,
    { config: { policy: 'createPlan' } },
    async (request, reply) => {
      const who = await authorise(request);
      await app.transaction((trx) => drafts.abandon(trx, keyOf(request, who)));
      return reply.redirect(`${who.href}?notice=cancelled`, 303);
    },
  );
}
