import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../lib/errors.js';
import { isDuplicateKey, onceOnlyKey } from '../web/once-only.js';
import { formErrors } from '../web/form-errors.js';
import { policy } from '../access/policy.js';
import type { Lead } from '../db/schema.js';
import { authorisePlan, enforce } from '../web/guard.js';
import { pendingFormFor, type RouteContext } from '../web/route-context.js';
import { uploadedFile } from '../web/uploads.js';
import {
  checkEvidenceFile,
  EVIDENCE_ACCEPT,
  formatSize,
  MAX_EVIDENCE_BYTES,
} from './evidence-file.js';
import type { EvidenceUpload } from './update.service.js';

// "Give an update": an action lead's two-minute journey. One form, one transaction.

const MESSAGES: Record<string, string> = {
  text: 'Enter what has happened since the last update',
  proposedStatus: 'Choose the status you propose',
  evidenceUrl: 'Enter a link starting with https://',
  evidenceFile: 'The selected file must be a PDF, Word, Excel, CSV, PNG, JPEG or text file',
};
const FILE_MESSAGES: Record<string, string> = {
  'wrong-type': MESSAGES.evidenceFile ?? '',
  empty: 'The selected file is empty',
  'too-large': `The selected file must be smaller than ${formatSize(MAX_EVIDENCE_BYTES)}`,
};

export function registerUpdateRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const path = '/plans/:planId/actions/:actionId/updates/new';
  const evidence = app.services.evidence;

  async function loadAction(request: FastifyRequest) {
    const { planId, actionId } = request.params as { planId: string; actionId: string };
    return app.transaction(async (trx) => {
      const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.viewPlan);
      const action = await app.services.content.get(trx, planId, 'action', actionId);
      enforce(policy.updateAction(actor, plan, action.leads as Lead[]));
      const view = await app.services.plans.get(trx, planId);
      return { planId, action, scheme: view.scheme };
    });
  }

  function render(
    reply: FastifyReply,
    request: FastifyRequest,
    loaded: Awaited<ReturnType<typeof loadAction>>,
    values: Record<string, string>,
    issues: string[] = [],
    messages: Record<string, string> = MESSAGES,
    fileNotKept = false,
  ) {
    const { planId, action, scheme } = loaded;
    return reply.code(issues.length ? 400 : 200).render('update-form.njk', {
      title: 'Give an update',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(issues, messages),
      form: {
        accept: EVIDENCE_ACCEPT,
        fileNotKept,
        fileHint: `PDF, Word, Excel, CSV, PNG, JPEG or text, up to ${formatSize(MAX_EVIDENCE_BYTES)}.`,
        ref: action.ref ?? action.id,
        actionText: action.text,
        actionHref: `/plans/${planId}/actions/${encodeURIComponent(action.id)}`,
        postHref: `/plans/${planId}/actions/${encodeURIComponent(action.id)}/updates/new`,
        values,
        statusItems: scheme.statuses.map((s) => ({
          value: s.code,
          text: s.label,
          hint: { text: s.meaning },
          checked: values.proposedStatus === s.code,
        })),
      },
    });
  }

  server.get(path, { config: { policy: 'updateAction' } }, async (request, reply) => {
    const loaded = await loadAction(request);
    const kept = await pendingFormFor(app, request, request.url.split('?')[0] ?? '');
    return render(reply, request, loaded, {
      proposedStatus: '',
      ...kept,
      token: onceOnlyKey(kept?.token),
    });
  });

  server.post(path, { config: { policy: 'updateAction' } }, async (request, reply) => {
    const loaded = await loadAction(request);
    const body = request.body as Record<string, unknown>;
    const values = {
      text: typeof body.text === 'string' ? body.text : '',
      proposedStatus: typeof body.proposedStatus === 'string' ? body.proposedStatus : '',
      evidenceUrl: typeof body.evidenceUrl === 'string' ? body.evidenceUrl.trim() : '',
      // The form's once-only key becomes the update's id: sending the form twice saves it once.
      token: onceOnlyKey(body.token),
    };
    const actionHref = `/plans/${loaded.planId}/actions/${encodeURIComponent(loaded.action.id)}`;
    const issues: string[] = [];
    if (!values.text.trim()) issues.push('text');
    if (!values.proposedStatus) issues.push('proposedStatus');
    if (values.evidenceUrl && !/^https?:\/\/\S+$/i.test(values.evidenceUrl))
      issues.push('evidenceUrl');
    // A file is checked by its content; its name must agree with what the content is.
    const sent = uploadedFile(body.evidenceFile);
    let file: EvidenceUpload | null = null;
    let messages = MESSAGES;
    if (sent) {
      const checked = checkEvidenceFile(sent.bytes, sent.fileName, sent.truncated);
      if (checked.ok) {
        file = { ...checked, bytes: sent.bytes };
      } else {
        issues.push('evidenceFile');
        messages = { ...MESSAGES, evidenceFile: FILE_MESSAGES[checked.reason] ?? '' };
      }
    }
    if (issues.length) {
      return render(reply, request, loaded, values, issues, messages, Boolean(file));
    }
    const user = request.signedIn?.user;
    if (!user) throw new NotFoundError('Not signed in');
    try {
      await app.transaction((trx) =>
        evidence.addUpdate(
          trx,
          app.changeBy(user),
          loaded.planId,
          {
            id: `u-${values.token}`,
            actionId: loaded.action.id,
            date: app.clock.today(),
            author: user.name,
            text: values.text,
            proposedStatus: values.proposedStatus,
            evidence: values.evidenceUrl
              ? [{ kind: 'link', title: values.evidenceUrl, url: values.evidenceUrl }]
              : [],
          },
          file,
        ),
      );
    } catch (error) {
      // Sent twice (a double click, or back and send again): the first one was saved.
      if (isDuplicateKey(error)) return reply.redirect(actionHref, 303);
      if (!(error instanceof ValidationError)) throw error;
      const fields = error.issues
        .map((i) => (i.path.startsWith('evidence') ? 'evidenceUrl' : i.path))
        .filter((f) => f in MESSAGES);
      return render(reply, request, loaded, values, fields.length ? fields : ['text']);
    }
    return reply.redirect(actionHref, 303);
  });
}
