import { redirectSaved } from '../web/banner.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../composition.js';
import { AppError, ValidationError } from '../lib/errors.js';
import { formErrors, formValues } from '../web/forms.js';
import { actorOf } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { MAX_UPLOAD_BYTES, uploadedFile } from '../web/uploads.js';
import { saveCorrection, showCorrection } from './import-correction.routes.js';
import { saveColumns, showColumns } from './import-columns.routes.js';
import { statusSummary } from './import-statuses.form.js';
import { saveStatuses, showStatuses } from './import-statuses.routes.js';
import { DRAFT_LIFETIME_HOURS } from './import-draft.service.js';
import {
  authoriseImport,
  creatableCouncils,
  draftKeyOf,
  elsewhere,
  type Importer,
  reviewHrefOf,
} from './import-request.js';
import { duplicateChoice, reviewPage } from './import-review.view-model.js';
import { placeWarnings } from './import-warning-places.js';

// Import: upload a document, review the draft beside the importer's warnings, correct or
// accept, confirm. The draft lives in import_draft until then; nothing of the plan exists
// before "Create the plan", and cancelling deletes the draft.

type Handler = (app: AppContext, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const NO_FILE = 'Select a Word, Excel, CSV, HTML or text file to import';
const TOO_LARGE = `The selected file must be smaller than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
const NOTICES: Record<string, string> = {
  gone: 'That import is no longer available: it was cancelled, or it expired after 24 hours. Upload the file again to start over.',
  cancelled: 'The import was cancelled. Nothing from it was saved.',
};

/** The import routes, each with its policy; the handlers are below and in import-correction.routes.ts. */
export function registerImportRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const base = '/councils/:councilSlug/import';
  const on = (handler: Handler) => (request: FastifyRequest, reply: FastifyReply) =>
    handler(app, request, reply);
  const createPlan = { config: { policy: 'createPlan' as const } };
  server.get('/import', { config: { policy: 'signed-in' } }, on(chooseCouncil));
  server.get(base, createPlan, on(showUpload));
  server.post(base, createPlan, on(receiveUpload));
  server.get(`${base}/:draftId`, createPlan, on(showReview));
  server.get(`${base}/:draftId/columns`, createPlan, on(showColumns));
  server.post(`${base}/:draftId/columns`, createPlan, on(saveColumns));
  server.get(`${base}/:draftId/statuses`, createPlan, on(showStatuses));
  server.post(`${base}/:draftId/statuses`, createPlan, on(saveStatuses));
  server.get(`${base}/:draftId/:kind/:itemId`, createPlan, on(showCorrection));
  server.post(`${base}/:draftId/:kind/:itemId`, createPlan, on(saveCorrection));
  server.post(`${base}/:draftId/confirm`, createPlan, on(confirmDraft));
  server.post(`${base}/:draftId/cancel`, createPlan, on(cancelDraft));
}

/** Which council: straight to it when there is one, a choice when there are several. */
async function chooseCouncil(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
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
}

/** The upload form; `fileProblem` is what is wrong with the file sent, in the person's words. */
function renderUpload(
  reply: FastifyReply,
  request: FastifyRequest,
  who: Importer,
  fileProblem?: string,
  notice?: string,
) {
  return reply.code(fileProblem === undefined ? 200 : 400).render('import-upload.njk', {
    title: 'Import a plan',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...formErrors(fileProblem === undefined ? [] : [{ field: 'file', text: fileProblem }]),
    notice: notice ? NOTICES[notice] : undefined,
    council: who.council.name,
    postHref: who.href,
    lifetime: DRAFT_LIFETIME_HOURS,
  });
}

async function showUpload(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const { notice } = request.query as { notice?: string };
  return renderUpload(reply, request, who, undefined, notice);
}

/** Reads the file into a draft (nothing of a plan yet) and opens its review page. */
async function receiveUpload(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const body = (request.body ?? {}) as Record<string, unknown>;
  const file = uploadedFile(body.file);
  if (!file) return renderUpload(reply, request, who, NO_FILE);
  if (file.truncated) return renderUpload(reply, request, who, TOO_LARGE);
  const fileName = file.fileName.split(/[/\\]/).pop()?.slice(-200) ?? '';
  // The council's kept column mappings read tables in the layouts it has mapped before.
  const mappings = await app.transaction((trx) =>
    app.services.importColumns.forCouncil(trx, who.council.id),
  );
  let draft;
  try {
    draft = await app.services.importer.draft(file.bytes, fileName, mappings);
  } catch (error) {
    // The importer's own words: empty, PDF, wrong type, damaged, zip bomb, no header found.
    if (!(error instanceof AppError)) throw error;
    return renderUpload(reply, request, who, error.message);
  }
  const id = await app.transaction((trx) =>
    app.services.importDrafts.create(
      trx,
      app.clock.now(),
      { userId: who.user.id, organisationId: who.council.id },
      fileName,
      draft,
      placeWarnings(draft),
    ),
  );
  return reply.redirect(`${who.href}/${id}`, 303);
}

/**
 * The review page; `problems` are why the plan could not be created yet, and `unchosen`
 * says the person confirmed a plan the council already has without choosing what to do.
 */
async function renderReview(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  who: Importer,
  problems: string[] = [],
  unchosen = false,
) {
  const found = await app.transaction(async (trx) => {
    const open = await app.services.importDrafts.open(
      trx,
      app.clock.now(),
      draftKeyOf(request, who),
    );
    if (open.kind !== 'open') return { open, duplicate: null };
    const plan = open.state.document.plan;
    return {
      open,
      duplicate: await app.services.importDrafts.duplicateOf(trx, who.council.slug, plan),
    };
  });
  if (found.open.kind !== 'open') return elsewhere(reply, who, found.open);
  const href = reviewHrefOf(request, who);
  const { state, fileName } = found.open;
  const page = reviewPage(state, href, who.council.name, fileName);
  const duplicate = found.duplicate && duplicateChoice(found.duplicate, who.council.name, unchosen);
  return reply.code(problems.length || unchosen ? 400 : 200).render('import-review.njk', {
    title: 'Check the imported plan',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    // Every problem links to the button: up to ten of them, so not one per field.
    errors: [
      ...(duplicate?.error ? [{ text: duplicate.error, href: '#choice' }] : []),
      ...problems.map((text) => ({ text, href: '#confirm' })),
    ],
    review: page,
    duplicate,
    confirmHref: `${href}/confirm`,
    columnsHref: `${href}/columns`,
    statusesHref: `${href}/statuses`,
    statuses: statusSummary(state.statuses ?? [], state.document.ragScheme.statuses),
    cancelHref: `${href}/cancel`,
  });
}

async function showReview(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  return renderReview(app, request, reply, await authoriseImport(app, request));
}

/**
 * "Create the plan": once only, however often it is pressed; else what the plan still lacks.
 * When the council already has a plan of its title, the person chooses: a new version, or
 * cancel (`choice`); without a choice nothing is saved and the page asks again.
 */
async function confirmDraft(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const { choice } = formValues(request, ['choice']);
  if (choice === 'cancel') return cancelDraft(app, request, reply);
  let outcome;
  try {
    outcome = await app.transaction(async (trx) =>
      app.services.importDrafts.confirm(
        trx,
        app.changeBy(who.user, 'Imported from an uploaded document'),
        draftKeyOf(request, who),
        who.council,
        choice === 'new-version',
      ),
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // Nothing was saved (the transaction rolled back): show what the plan still lacks.
    return renderReview(
      app,
      request,
      reply,
      who,
      error.issues
        .slice(0, 10)
        .map((i) => `The plan cannot be created yet: ${i.path ? `${i.path}: ` : ''}${i.message}`),
    );
  }
  if (outcome.kind === 'created')
    return redirectSaved(reply, `/plans/${outcome.planId}`, 'imported');
  if (outcome.kind === 'duplicate') return renderReview(app, request, reply, who, [], true);
  return elsewhere(reply, who, outcome);
}

async function cancelDraft(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  await app.transaction((trx) => app.services.importDrafts.abandon(trx, draftKeyOf(request, who)));
  return reply.redirect(`${who.href}?notice=cancelled`, 303);
}
