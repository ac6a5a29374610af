import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectSaved } from '../web/banner.js';
import { formatDate } from '../lib/format.js';
import { z } from 'zod';
import { policy } from '../access/policy.js';
import type { AppContext } from '../composition.js';
import type { Db } from '../db/database.js';
import { SignInRequired, authorisePlan, enforce } from '../web/guard.js';
import { type FormIssue, formErrors, readForm, serviceIssues } from '../web/forms.js';
import { isDuplicateKey, onceOnlyKey } from '../web/once-only.js';
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

const MESSAGES = {
  text: 'Enter what has happened since the last update',
  proposedStatus: 'Choose the status you propose',
  evidenceUrl: 'Enter a link starting with https://',
  evidenceFile: 'The selected file must be a PDF, Word, Excel, CSV, PNG, JPEG or text file',
};
const FILE_MESSAGES: Record<string, string> = {
  'wrong-type': MESSAGES.evidenceFile,
  empty: 'The selected file is empty',
  'too-large': `The selected file must be smaller than ${formatSize(MAX_EVIDENCE_BYTES)}`,
};

/** The form's text fields, as typed (a link's spaces around it trimmed). */
const updateForm = z.object({
  text: z.string().refine((v) => v.trim() !== '', MESSAGES.text),
  proposedStatus: z.string().min(1, MESSAGES.proposedStatus),
  evidenceUrl: z.string().refine((v) => !v || /^https?:\/\/\S+$/i.test(v), MESSAGES.evidenceUrl),
});

type Target = Awaited<ReturnType<AppContext['services']['updates']['target']>> & {
  roundNote?: string | null;
};

export function registerUpdateRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const path = '/plans/:planId/actions/:actionId/updates/new';

  /** The action, after the one check: the person may see the plan and update this action. */
  async function loadTarget(trx: Db, request: FastifyRequest): Promise<Target> {
    const { planId, actionId } = request.params as { planId: string; actionId: string };
    const { actor, plan } = await authorisePlan(app, trx, request, planId, policy.viewPlan);
    const target = await app.services.updates.target(trx, planId, actionId);
    enforce(policy.updateAction(actor, plan, target.action.leads));
    return target;
  }

  server.get(path, { config: { policy: 'updateAction' } }, async (request, reply) => {
    const target = await app.transaction((trx) => loadTarget(trx, request));
    const kept = await pendingFormFor(app, request, request.url.split('?')[0] ?? '');
    const where = await app.transaction((trx) =>
      app.services.rounds.whereUpdateGoes(trx, target.planId, target.action.id),
    );
    // Told before they write it: an update now counts towards the next round.
    const roundNote =
      where.kind === 'next'
        ? `‘${where.closed.name}’ closed on ${formatDate(where.closed.closedAt)}. An update you give now counts towards the next round.`
        : where.kind === 'round'
          ? `Your update counts in ‘${where.round.name}’ (leads’ deadline ${formatDate(where.round.deadline)}).`
          : null;
    return render(
      reply,
      request,
      { ...target, roundNote },
      {
        proposedStatus: '',
        ...kept,
        token: onceOnlyKey(kept?.token),
        statusSeen: kept?.statusSeen ?? (await statusNow(target)),
      },
    );
  });

  /** The action's status as saved now (what the form shows it was when opened). */
  async function statusNow(target: Target, trx: Db = app.db): Promise<string> {
    const action = await app.services.content.get(trx, target.planId, 'action', target.action.id);
    return typeof action.status === 'string' ? action.status : '';
  }

  server.post(path, { config: { policy: 'updateAction' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const values = {
      text: field('text'),
      proposedStatus: field('proposedStatus'),
      evidenceUrl: field('evidenceUrl').trim(),
      // The action's status when the form was opened: where the plan takes a proposal as the
      // status, one changed by someone else since is not overwritten unseen.
      statusSeen: field('statusSeen'),
      // The form's once-only key becomes the update's id: sending the form twice saves it once.
      token: onceOnlyKey(body.token),
    };
    const read = readForm(updateForm, values);
    const issues: FormIssue[] = read.ok ? [] : read.issues;
    // A file is checked by its content; its name must agree with what the content is.
    const sent = uploadedFile(body.evidenceFile);
    let file: EvidenceUpload | null = null;
    if (sent) {
      const checked = checkEvidenceFile(sent.bytes, sent.fileName, sent.truncated);
      if (checked.ok) file = { ...checked, bytes: sent.bytes };
      else issues.push({ field: 'evidenceFile', text: FILE_MESSAGES[checked.reason] ?? '' });
    }
    const user = request.signedIn?.user;
    if (!user) throw new SignInRequired('Sign in to give an update');
    // One transaction: the check, the action, and the update with its file, or nothing.
    const outcome = await app
      .transaction(async (trx) => {
        const target = await loadTarget(trx, request);
        if (issues.length) return { target, issues };
        const changed = await statusChangedSince(trx, target, values);
        if (changed) return { target, issues: [changed], statusSeen: changed.status };
        const counted = await app.services.updates.add(
          trx,
          app.changeBy(user),
          target.planId,
          {
            id: `u-${values.token}`,
            actionId: target.action.id,
            date: app.clock.today(),
            author: user.name,
            text: values.text,
            proposedStatus: values.proposedStatus,
            evidence: values.evidenceUrl
              ? [{ kind: 'link', title: values.evidenceUrl, url: values.evidenceUrl }]
              : [],
          },
          file,
        );
        return { target, issues: [], nextRound: counted.kind === 'next' };
      })
      .catch(async (error: unknown) => {
        // Sent twice (a double click, or back and send again): the first one was saved.
        if (isDuplicateKey(error)) return 'saved-before' as const;
        const target = await app.transaction((trx) => loadTarget(trx, request));
        // The plan needs evidence before an action is marked complete: said in the rule's words.
        const needed = serviceIssues(error, { completionEvidence: 'evidenceUrl' }, 'text');
        const evidence = needed?.filter((i) => i.field === 'evidenceUrl') ?? [];
        if (evidence.length && needed?.length === evidence.length)
          return { target, issues: evidence };
        const refused = serviceIssues(error, FIELD_OF_PATH, 'text', MESSAGES);
        if (!refused) throw error;
        const placed = refused.filter((i) => i.field in MESSAGES);
        return {
          target,
          issues: placed.length ? placed : [{ field: 'text', text: MESSAGES.text }],
        };
      });
    const { planId, actionId } = request.params as { planId: string; actionId: string };
    const actionHref = `/plans/${planId}/actions/${encodeURIComponent(actionId)}`;
    if (outcome === 'saved-before' || !outcome.issues.length) {
      const next = outcome !== 'saved-before' && 'nextRound' in outcome && outcome.nextRound;
      return redirectSaved(reply, actionHref, next ? 'update-next-round' : 'update');
    }
    const seen = 'statusSeen' in outcome ? { statusSeen: outcome.statusSeen ?? '' } : {};
    const shown = { ...values, ...seen };
    const code = 'statusSeen' in outcome ? 409 : undefined;
    return render(reply, request, outcome.target, shown, outcome.issues, Boolean(file), code);
  });

  /**
   * Where the plan takes a proposal as the status (no confirmation asked), and someone changed
   * the status after this form was opened to other than what this person proposes: refused,
   * saying what it is now, so a status is never overwritten by someone who did not see it.
   */
  async function statusChangedSince(
    trx: Db,
    target: Target,
    values: { proposedStatus: string; statusSeen: string },
  ): Promise<(FormIssue & { status: string }) | null> {
    if (!values.statusSeen) return null; // a form from before it carried the status
    const { plan } = await app.services.plans.get(trx, target.planId);
    if (plan.confirmStatuses) return null; // the proposal waits for a manager
    const now = await statusNow(target, trx);
    if (now === values.statusSeen || now === values.proposedStatus) return null;
    const label = (code: string) =>
      target.scheme.statuses.find((s) => s.code === code)?.label ?? 'no status';
    return {
      field: 'proposedStatus',
      text: `Someone changed this action’s status from ${label(values.statusSeen)} to ${label(now)} after you opened this page. Nothing has been saved yet: check the status you propose and send your update again`,
      status: now,
    };
  }
}

/** Where the content service's refusals of an update belong on the form. */
const FIELD_OF_PATH: Record<string, string> = {
  text: 'text',
  proposedStatus: 'proposedStatus',
  evidence: 'evidenceUrl',
};

function render(
  reply: FastifyReply,
  request: FastifyRequest,
  target: Target,
  values: Record<string, string>,
  issues: FormIssue[] = [],
  fileNotKept = false,
  code?: number,
) {
  const { planId, action, scheme } = target;
  const actionHref = `/plans/${planId}/actions/${encodeURIComponent(action.id)}`;
  return reply.code(code ?? (issues.length ? 400 : 200)).render('update-form.njk', {
    title: 'Give an update',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...formErrors(issues),
    form: {
      accept: EVIDENCE_ACCEPT,
      fileNotKept,
      fileHint: `PDF, Word, Excel, CSV, PNG, JPEG or text, up to ${formatSize(MAX_EVIDENCE_BYTES)}.`,
      label: target.label,
      roundNote: target.roundNote ?? null,
      actionText: action.text,
      actionHref,
      postHref: `${actionHref}/updates/new`,
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
