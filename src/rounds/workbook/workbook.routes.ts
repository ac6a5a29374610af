import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../../access/policy.js';
import { ConflictError, ValidationError } from '../../lib/errors.js';
import { redirectSaved } from '../../web/banner.js';
import { formErrors } from '../../web/forms.js';
import { authorisePlan, SignInRequired } from '../../web/guard.js';
import type { RouteContext } from '../../web/route-context.js';
import { MAX_UPLOAD_BYTES, uploadedFile } from '../../web/uploads.js';
import { roundHref } from '../round.view-model.js';
import { buildRoundWorkbook } from './round-workbook.js';
import type { UploadKey } from './round-workbook.service.js';
import { UPLOAD_LIFETIME_HOURS } from './workbook.types.js';
import { readRoundWorkbook } from './workbook-read.js';
import { previewHref, previewPage, uploadHref, workbookFileName } from './workbook.view-model.js';

// Updates by spreadsheet: a manager downloads a round's workbook (one lead's, or the whole
// round's), uploads the returned one, sees what it would save and each row that cannot be
// saved, and confirms. The upload waits in round_workbook_upload until then; nothing is saved
// as updates before "Save", and saving twice saves once.

const NO_FILE = 'Select the filled-in workbook (.xlsx) to upload';
const EMPTY_FILE = 'The selected file is empty. Select the filled-in workbook';
const TOO_LARGE = `The selected file must be smaller than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
const GONE =
  'That upload is no longer available: it expired after 24 hours. Upload the workbook again';

type Params = { planId: string; roundId: string; uploadId?: string };

/** A confirmation refused part way: every update of it is rolled back. */
class RowRefused extends Error {}

export function registerRoundWorkbookRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const base = '/plans/:planId/rounds/:roundId/workbook';
  const config = { config: { policy: 'editPlan' as const } };
  const paramsOf = (request: FastifyRequest) => request.params as Params;
  const userOf = (request: FastifyRequest) => {
    const user = request.signedIn?.user;
    if (!user) throw new SignInRequired('Sign in to upload a workbook');
    return user;
  };
  const keyOf = (request: FastifyRequest): UploadKey => {
    const { planId, roundId, uploadId = '' } = paramsOf(request);
    return { id: uploadId, planId, roundId, userId: userOf(request).id };
  };

  server.get(base, config, async (request, reply) => {
    const { planId, roundId } = paramsOf(request);
    const { lead } = request.query as { lead?: unknown };
    const facts = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      return app.services.roundWorkbooks.sheet(
        trx,
        planId,
        roundId,
        typeof lead === 'string' && lead ? lead : null,
      );
    });
    const bytes = await buildRoundWorkbook(facts);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="${workbookFileName(facts.roundName, facts.lead)}"`,
      )
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });

  async function renderUpload(reply: FastifyReply, request: FastifyRequest, problem?: string) {
    const { planId, roundId } = paramsOf(request);
    const page = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const view = await app.services.plans.get(trx, planId);
      const round = await app.services.rounds.get(trx, planId, roundId);
      return { planTitle: view.plan.title, round };
    });
    return reply.code(problem ? 400 : 200).render('round-workbook-upload.njk', {
      title: `Upload a workbook for ${page.round.name}`,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(problem ? [{ field: 'workbook', text: problem }] : []),
      planTitle: page.planTitle,
      roundName: page.round.name,
      backHref: roundHref(planId, roundId),
      workbookForm: { postHref: uploadHref(planId, roundId), lifetime: UPLOAD_LIFETIME_HOURS },
    });
  }

  server.get(`${base}/upload`, config, async (request, reply) => renderUpload(reply, request));

  server.post(`${base}/upload`, config, async (request, reply) => {
    const { planId, roundId } = paramsOf(request);
    const user = userOf(request);
    const file = uploadedFile(((request.body ?? {}) as Record<string, unknown>).workbook);
    if (!file) return renderUpload(reply, request, NO_FILE);
    if (file.truncated) return renderUpload(reply, request, TOO_LARGE);
    if (!file.bytes.length) return renderUpload(reply, request, EMPTY_FILE);
    const fileName = file.fileName.split(/[/\\]/).pop()?.slice(-200) ?? '';
    const read = await readRoundWorkbook(file.bytes, fileName);
    if (read.kind === 'refused') return renderUpload(reply, request, read.message);
    const kept = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      return app.services.roundWorkbooks.receive(
        trx,
        app.clock.now(),
        { planId, roundId, userId: user.id },
        fileName,
        read.rows,
      );
    });
    if (kept.kind === 'refused') return renderUpload(reply, request, kept.message);
    return reply.redirect(previewHref(planId, roundId, kept.id), 303);
  });

  async function renderPreview(reply: FastifyReply, request: FastifyRequest, problem?: string) {
    const { planId, roundId } = paramsOf(request);
    const key = keyOf(request);
    const found = await app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      const round = await app.services.rounds.get(trx, planId, roundId);
      const view = await app.services.plans.get(trx, planId);
      const open = await app.services.roundWorkbooks.open(trx, app.clock.now(), key);
      return { round, planTitle: view.plan.title, open };
    });
    if (found.open.kind === 'confirmed') return reply.redirect(roundHref(planId, roundId), 303);
    if (found.open.kind === 'gone') return renderUpload(reply, request, GONE);
    const page = previewPage(found.open.state, found.open.fileName);
    return reply.code(problem ? 400 : 200).render('round-workbook-preview.njk', {
      title: `Check the updates from ${page.fileName || 'the workbook'}`,
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      errors: [...(problem ? [{ text: problem, href: '#confirm' }] : []), ...page.errors],
      planTitle: found.planTitle,
      roundName: found.round.name,
      backHref: roundHref(planId, roundId),
      againHref: uploadHref(planId, roundId),
      confirmHref: `${previewHref(planId, roundId, key.id)}/confirm`,
      preview: page,
    });
  }

  server.get(`${base}/:uploadId`, config, async (request, reply) => renderPreview(reply, request));

  server.post(`${base}/:uploadId/confirm`, config, async (request, reply) => {
    const { planId, roundId } = paramsOf(request);
    const key = keyOf(request);
    const user = userOf(request);
    let outcome;
    try {
      outcome = await app.transaction(async (trx) => {
        await authorisePlan(app, trx, request, planId, policy.editPlan);
        try {
          return await app.services.roundWorkbooks.confirm(
            trx,
            app.changeBy(user, 'Updates from a returned round workbook'),
            key,
          );
        } catch (error) {
          if (error instanceof ValidationError)
            throw new RowRefused(
              `The updates could not be saved: ${error.issues[0]?.message ?? 'one is not valid'}. Nothing was saved; correct the workbook and upload it again`,
            );
          throw error;
        }
      });
    } catch (error) {
      if (error instanceof ConflictError || error instanceof RowRefused)
        return renderPreview(reply, request, error.message);
      throw error;
    }
    if (outcome.kind === 'gone') return renderUpload(reply, request, GONE);
    return redirectSaved(reply, roundHref(planId, roundId), 'updates-from-workbook');
  });
}
