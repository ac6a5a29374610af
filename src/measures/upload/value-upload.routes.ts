import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../../access/policy.js';
import type { AppContext } from '../../composition.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { redirectSaved } from '../../web/banner.js';
import { formErrors } from '../../web/forms.js';
import { SignInRequired, authorisePlan } from '../../web/guard.js';
import type { RouteContext } from '../../web/route-context.js';
import { MAX_UPLOAD_BYTES, uploadedFile } from '../../web/uploads.js';
import { previewPage, uploadFormPage } from './value-upload.view-model.js';

// Uploading a CSV file of measure values: the file is checked and kept (measure_upload),
// the preview shows every row's problems and the rows that can be saved, and nothing is
// saved until the person confirms; confirming saves in one transaction, once.

type Params = { planId: string; uploadId?: string };
const NO_FILE = 'Select a CSV file of values';
const TOO_LARGE = `The selected file must be smaller than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
const CHANGED =
  'The plan changed since this file was checked, so nothing was saved: upload the file again';

export function registerValueUploadRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const base = '/plans/:planId/measure-uploads';
  const edit = { config: { policy: 'editPlan' as const } };
  server.get(base, edit, (request, reply) => showForm(app, request, reply));
  server.post(base, edit, (request, reply) => receive(app, request, reply));
  server.get(`${base}/:uploadId`, edit, (request, reply) => showPreview(app, request, reply));
  server.post(`${base}/:uploadId`, edit, (request, reply) => confirm(app, request, reply));
}

function userOf(request: FastifyRequest) {
  const user = request.signedIn?.user;
  if (!user) throw new SignInRequired('Sign in to upload values');
  return user;
}

async function showForm(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  fileProblem?: string,
) {
  const { planId } = request.params as Params;
  const doc = await app.transaction(async (trx) => {
    await authorisePlan(app, trx, request, planId, policy.editPlan);
    return app.services.documents.export(trx, planId);
  });
  return reply.code(fileProblem ? 400 : 200).render('measure-upload.njk', {
    title: 'Upload values',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...formErrors(fileProblem ? [{ field: 'file', text: fileProblem }] : []),
    upload: uploadFormPage(doc, planId),
  });
}

async function receive(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const { planId } = request.params as Params;
  const user = userOf(request);
  const file = uploadedFile(((request.body ?? {}) as Record<string, unknown>).file);
  if (!file) return showForm(app, request, reply, NO_FILE);
  if (file.truncated) return showForm(app, request, reply, TOO_LARGE);
  const fileName = file.fileName.split(/[/\\]/).pop()?.slice(-200) ?? '';
  const kept = await app.transaction(async (trx) => {
    await authorisePlan(app, trx, request, planId, policy.editPlan);
    return app.services.valueUploads.preview(
      trx,
      app.clock.now(),
      { planId, userId: user.id },
      fileName,
      file.bytes,
    );
  });
  if (kept.kind === 'unreadable') return showForm(app, request, reply, kept.message);
  return reply.redirect(`/plans/${planId}/measure-uploads/${kept.id}`, 303);
}

async function showPreview(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  problem?: string,
) {
  const { planId, uploadId = '' } = request.params as Params;
  const user = userOf(request);
  const found = await app.transaction(async (trx) => {
    await authorisePlan(app, trx, request, planId, policy.editPlan);
    const upload = await app.services.valueUploads.open(trx, {
      id: uploadId,
      planId,
      userId: user.id,
    });
    return upload && { upload, doc: await app.services.documents.export(trx, planId) };
  });
  if (!found) throw new NotFoundError('There is no such upload');
  return reply.code(problem ? 409 : 200).render('measure-upload-preview.njk', {
    title: 'Check the values',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...formErrors(problem ? [{ field: 'save', text: problem }] : []),
    preview: previewPage(found.doc, planId, found.upload),
  });
}

async function confirm(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const { planId, uploadId = '' } = request.params as Params;
  const user = userOf(request);
  const outcome = await app
    .transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      return app.services.valueUploads.confirm(
        trx,
        app.changeBy(user),
        { id: uploadId, planId, userId: user.id },
        user.name,
      );
    })
    .catch((error: unknown) => {
      if (error instanceof ValidationError) return { kind: 'changed' as const };
      throw error;
    });
  if (outcome.kind === 'gone') throw new NotFoundError('There is no such upload');
  if (outcome.kind === 'changed') return showPreview(app, request, reply, CHANGED);
  const href = `/plans/${planId}/measure-uploads/${uploadId}`;
  return outcome.kind === 'saved'
    ? redirectSaved(reply, href, 'values')
    : reply.redirect(href, 303);
}
