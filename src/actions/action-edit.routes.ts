import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { redirectSaved } from '../web/banner.js';
import { actionLabels, labelRows } from './action-label.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { type FormIssue, formErrors, readForm, serviceIssues } from '../web/forms.js';
import { policy } from '../access/policy.js';
import { authorisePlan } from '../web/guard.js';
import { pendingFormFor, type RouteContext } from '../web/route-context.js';
import { EditConflict, versionOf } from '../plans/content/edit-version.js';
import { originalValues, resolveConflict } from '../web/edit-conflict.js';

// Changing an action: the same validation as the CLI and the import (the content
// service), one transaction, and the change appears in the action's history.

const MESSAGES = {
  text: 'Enter the action',
  outcomes: 'Expected outcomes must be 20,000 characters or fewer',
  due: 'Enter a due date we can understand, such as ‘End June 2026’, ‘Autumn 2026’ or ‘Ongoing’',
  status: 'Choose a status from the list',
  dueReason: 'Enter the reason for the change to the due date',
};

/**
 * The form's own checks. A due date the parser cannot read would be kept as words but never
 * be "overdue": on this form we ask for a readable one instead. Lengths and the status's
 * place in the scheme are the content service's (the same as for the CLI and the import).
 */
const actionEditForm = (savedDue: string) =>
  z
    .object({
      text: z.string().refine((v) => v.trim() !== '', MESSAGES.text),
      due: z
        .string()
        .refine((v) => !v.trim() || parseFuzzyDate(v).kind !== 'unknown', MESSAGES.due),
      dueReason: z
        .string()
        .max(2000, 'The reason for the change must be 2,000 characters or fewer'),
    })
    // A due date that moves is slippage: who moved it and why is kept in the history.
    .refine((v) => v.due.trim() === savedDue.trim() || v.dueReason.trim() !== '', {
      path: ['dueReason'],
      message: MESSAGES.dueReason,
    });

export function registerActionEditRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const path = '/plans/:planId/actions/:actionId/edit';

  async function load(request: FastifyRequest) {
    const { planId, actionId } = request.params as { planId: string; actionId: string };
    return app.transaction(async (trx) => {
      await authorisePlan(app, trx, request, planId, policy.editPlan);
      return {
        planId,
        action: await app.services.content.get(trx, planId, 'action', actionId),
        view: await app.services.plans.get(trx, planId),
        label:
          actionLabels(labelRows(await app.services.content.listAll(trx, planId, []))).get(
            actionId,
          ) ?? 'Action',
      };
    });
  }

  function render(
    reply: FastifyReply,
    request: FastifyRequest,
    loaded: Awaited<ReturnType<typeof load>>,
    values: Record<string, string>,
    {
      issues = [],
      original = editable(loaded.action),
      version,
      conflict,
    }: {
      issues?: FormIssue[];
      /** The form as it was first opened, and the version of the action it was opened at. */
      original?: Record<string, string>;
      version?: string;
      conflict?: EditConflict;
    } = {},
  ) {
    const { planId, action, view } = loaded;
    const href = `/plans/${planId}/actions/${encodeURIComponent(action.id)}`;
    const statusLabel = (code: string) =>
      view.scheme.statuses.find((s) => s.code === code)?.label ?? (code || 'No status');
    const resolved = conflict
      ? resolveConflict(
          [
            ['Action', 'text'],
            ['Expected outcomes', 'outcomes'],
            ['Due date', 'due'],
            ['Status', 'status', statusLabel],
          ],
          original,
          editable(conflict.current),
          values,
        )
      : null;
    return reply.code(conflict ? 409 : issues.length ? 400 : 200).render('action-edit.njk', {
      title: 'Change this action',
      nav: 'plans',
      csrfToken: request.signedIn?.session.csrfToken,
      ...formErrors(issues),
      form: {
        label: loaded.label,
        actionHref: href,
        postHref: `${href}/edit`,
        values: resolved?.form ?? values,
        version: conflict ? versionOf(conflict.current) : (version ?? versionOf(action)),
        original: JSON.stringify(conflict ? editable(conflict.current) : original),
        conflict: resolved?.rows ?? null,
        statusItems: [{ value: '', text: 'No status' }]
          .concat(view.scheme.statuses.map((s) => ({ value: s.code, text: s.label })))
          .map((i) => ({ ...i, selected: i.value === values.status })),
      },
    });
  }

  server.get(path, { config: { policy: 'editPlan' } }, async (request, reply) => {
    const loaded = await load(request);
    const kept = await pendingFormFor(app, request, request.url.split('?')[0] ?? '');
    return render(reply, request, loaded, { ...editable(loaded.action), ...kept });
  });

  server.post(path, { config: { policy: 'editPlan' } }, async (request, reply) => {
    const loaded = await load(request);
    const body = request.body as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const values = {
      text: field('text'),
      outcomes: field('outcomes'),
      due: field('due'),
      status: field('status'),
      dueReason: field('dueReason'),
    };
    const original = originalValues(body.original);
    // The due date as the person saw it when they opened the form (else as saved): a reason is
    // asked for when they change it.
    const savedDue = original.due ?? editable(loaded.action).due ?? '';
    const dueMoved = values.due.trim() !== savedDue.trim();
    const version = typeof body.version === 'string' ? body.version : undefined;
    const read = readForm(actionEditForm(savedDue), values);
    if (!read.ok) {
      return render(reply, request, loaded, values, { issues: read.issues, original, version });
    }
    const user = request.signedIn?.user;
    try {
      await app.transaction((trx) =>
        app.services.content.update(
          trx,
          app.changeBy(user ?? 'unknown', dueMoved ? values.dueReason.trim() : null),
          loaded.planId,
          'action',
          loaded.action.id,
          {
            text: values.text,
            outcomes: values.outcomes.trim() ? values.outcomes : null,
            due: values.due.trim() ? values.due.trim() : null,
            status: values.status || null,
          },
          { version },
        ),
      );
    } catch (error) {
      if (error instanceof EditConflict) {
        return render(reply, request, loaded, values, { original, conflict: error });
      }
      const refused = serviceIssues(error, FIELDS, 'text', MESSAGES);
      if (!refused) throw error;
      const placed = refused.filter((i) => i.field in MESSAGES);
      return render(reply, request, loaded, values, {
        issues: placed.length ? placed : [{ field: 'text', text: MESSAGES.text }],
        original,
        version,
      });
    }
    const href = `/plans/${loaded.planId}/actions/${encodeURIComponent(loaded.action.id)}`;
    return redirectSaved(reply, href, 'action');
  });
}

/** Where the content service's refusals belong on the form (any other goes on the text). */
const FIELDS: Record<string, string> = {
  text: 'text',
  outcomes: 'outcomes',
  due: 'due',
  status: 'status',
};

/** The form's fields of a saved action, as the form writes them. */
function editable(row: Record<string, unknown>): Record<string, string> {
  const a = row as { text: string; outcomes: string | null; due: { text: string } | null };
  return {
    text: a.text,
    outcomes: a.outcomes ?? '',
    due: a.due?.text ?? '',
    status: typeof row.status === 'string' ? row.status : '',
  };
}
