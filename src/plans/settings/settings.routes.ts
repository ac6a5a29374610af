import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redirectSaved } from '../../web/banner.js';
import { z } from 'zod';
import { ConflictError } from '../../lib/errors.js';
import { type FormIssue, formValues, readForm, serviceIssues } from '../../web/forms.js';
import { pendingFormFor, type RouteContext } from '../../web/route-context.js';
import { PLAN_STATUSES, type PlanStatus } from '../plan.schema.js';
import {
  currentSettings,
  type LoadedSettings,
  loadSettings,
  renderSettings,
  schemeFormOf,
  SETTINGS_MESSAGES as MESSAGES,
  settingsHref,
} from './settings.page.js';
import { isoFromParts, type SettingsValues, STATUS_LABELS } from './settings.view-model.js';
import {
  CONFIRMATION_FORM,
  conflictState,
  fieldsConflict,
  freshFormState,
} from './settings-conflict.js';
import { EditConflict } from '../content/edit-version.js';

// Plan settings: title, version, status (only the allowed steps), period and RAG scheme,
// through PlanService and RagSchemeService, each change in one transaction and in the plan's
// history. The boards on the same page are boards/board.routes.ts.

const DATE_FIELDS = ['periodStart', 'periodEnd'] as const;
const PLAN_FIELDS = ['title', 'versionLabel', 'status'];
const PART_FIELDS = DATE_FIELDS.flatMap((f) => [`${f}-day`, `${f}-month`, `${f}-year`]);

/**
 * The plan-fields form, for a plan now at `from` that may step to `allowed`: its checks in the
 * order of the page, each on its field.
 */
function planFieldsForm(from: PlanStatus, allowed: PlanStatus[]) {
  return z.custom<SettingsValues>().superRefine((v, ctx) => {
    const issue = (field: keyof SettingsValues, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (!v.title.trim() || v.title.length > 500) issue('title', MESSAGES.title);
    if (v.versionLabel.length > 200) issue('versionLabel', MESSAGES.versionLabel);
    const to = v.status as PlanStatus;
    if (!PLAN_STATUSES.includes(to)) issue('status', MESSAGES.status);
    else if (to !== from && !allowed.includes(to)) {
      const steps = allowed.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ');
      issue(
        'status',
        `A ${from} plan cannot become ${to} in one step. It can become ${steps}, or stay ${from}.`,
      );
    }
    const start = isoFromParts(v.periodStart);
    const end = isoFromParts(v.periodEnd);
    if (start === undefined) issue('periodStart', MESSAGES.periodStart);
    if (end === undefined || (start && end && end < start)) issue('periodEnd', MESSAGES.periodEnd);
  });
}

export function registerSettingsRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'editPlan' as const } };
  const who = (request: FastifyRequest) => app.changeBy(request.signedIn?.user ?? 'unknown');

  server.get('/plans/:planId/settings', config, async (request, reply) => {
    const loaded = await loadSettings(app, request);
    const kept = await pendingFormFor(app, request, request.url.split('?')[0] ?? '');
    const values = currentSettings(loaded);
    if (!kept) return renderSettings(app, request, reply, loaded, values);
    // A form kept across a sign-in keeps the version it was read at, so a change saved by
    // someone else meanwhile is still caught when it is sent.
    const state = freshFormState(loaded.view.plan);
    Object.assign(values, keptValues(kept, values));
    if (kept.version)
      Object.assign(state, { version: kept.version, original: kept.original ?? '' });
    return renderSettings(app, request, reply, loaded, values, [], undefined, state);
  });

  server.post('/plans/:planId/settings', config, async (request, reply) => {
    const loaded = await loadSettings(app, request);
    const sent = formValues(request, [...PLAN_FIELDS, ...PART_FIELDS, 'version', 'original']);
    const values = sentValues(sent);
    // What the form read, sent back as it came (refused for its fields, it is still that version).
    const read0 = sent.version
      ? { version: sent.version, original: sent.original ?? '', conflict: null }
      : freshFormState(loaded.view.plan);
    const refuse = (issues: FormIssue[]) =>
      renderSettings(app, request, reply, loaded, values, issues, undefined, read0);
    const from = loaded.view.plan.status;
    const form = planFieldsForm(from, app.services.plans.nextStatuses(from));
    const read = readForm(form, { ...values });
    if (!read.ok) return refuse(read.issues);
    try {
      await app.transaction((trx) =>
        app.services.plans.update(
          trx,
          who(request),
          loaded.planId,
          {
            title: values.title,
            versionLabel: values.versionLabel.trim() ? values.versionLabel : null,
            status: values.status as PlanStatus,
            periodStart: isoFromParts(values.periodStart) ?? null,
            periodEnd: isoFromParts(values.periodEnd) ?? null,
          },
          sent.version ? { version: sent.version } : {},
        ),
      );
    } catch (error) {
      if (error instanceof EditConflict) {
        const again = conflictState(error, sent.original, values);
        return renderSettings(
          app,
          request,
          reply,
          loaded,
          again.values,
          [],
          undefined,
          again.state,
        );
      }
      if (error instanceof ConflictError) return refuse([{ field: 'status', text: error.message }]);
      const known = Object.fromEntries([...PLAN_FIELDS, ...DATE_FIELDS].map((f) => [f, f]));
      const refused = serviceIssues(error, known, 'title', MESSAGES);
      if (!refused) throw error;
      return refuse(refused);
    }
    return redirectSaved(reply, settingsHref(loaded.planId), 'settings');
  });

  server.post('/plans/:planId/settings/confirmation', config, async (request, reply) => {
    const loaded = await loadSettings(app, request);
    const sent = formValues(request, [
      'confirmStatuses',
      'evidenceBeforeComplete',
      'version',
      'original',
    ]);
    const { confirmStatuses, evidenceBeforeComplete } = sent;
    const yesNo = (v: string | undefined) => v === 'yes' || v === 'no';
    const issues = [
      ...(yesNo(confirmStatuses)
        ? []
        : [{ field: 'confirmStatuses', text: 'Choose whether status changes need confirmation' }]),
      // Not sent at all (a form from before the question was asked): left as it is.
      ...(yesNo(evidenceBeforeComplete) || evidenceBeforeComplete === ''
        ? []
        : [
            {
              field: 'evidenceBeforeComplete',
              text: 'Choose whether evidence is needed before an action is marked complete',
            },
          ]),
    ];
    if (issues.length) {
      return renderSettings(app, request, reply, loaded, currentSettings(loaded), issues);
    }
    try {
      await app.transaction((trx) =>
        app.services.plans.update(
          trx,
          who(request),
          loaded.planId,
          {
            confirmStatuses: confirmStatuses === 'yes',
            ...(evidenceBeforeComplete
              ? { evidenceBeforeComplete: evidenceBeforeComplete === 'yes' }
              : {}),
          },
          sent.version ? { version: sent.version, versionFields: CONFIRMATION_FORM.fields } : {},
        ),
      );
    } catch (error) {
      if (!(error instanceof EditConflict)) throw error;
      const confirmation = fieldsConflict(error, CONFIRMATION_FORM, sent.original, sent);
      return renderSettings(
        app,
        request,
        reply,
        loaded,
        currentSettings(loaded),
        [],
        undefined,
        undefined,
        { confirmation },
      );
    }
    return redirectSaved(reply, settingsHref(loaded.planId, '#confirmation'), 'settings');
  });

  server.post('/plans/:planId/settings/scheme', config, async (request, reply) => {
    const loaded: LoadedSettings = await loadSettings(app, request);
    const sent = formValues(request, ['ragSchemeId', 'version', 'original']);
    const { ragSchemeId = '' } = sent;
    const refuse = (text: string) =>
      renderSettings(app, request, reply, loaded, currentSettings(loaded), [
        { field: 'ragSchemeId', text },
      ]);
    if (!loaded.schemes.some((s) => s.id === ragSchemeId)) return refuse(MESSAGES.ragSchemeId);
    try {
      await app.transaction((trx) =>
        app.services.schemes.change(
          trx,
          who(request),
          loaded.planId,
          ragSchemeId,
          sent.version ? { version: sent.version } : {},
        ),
      );
    } catch (error) {
      if (error instanceof EditConflict) {
        const scheme = fieldsConflict(error, schemeFormOf(loaded), sent.original, sent);
        return renderSettings(
          app,
          request,
          reply,
          loaded,
          currentSettings(loaded),
          [],
          undefined,
          undefined,
          { scheme },
        );
      }
      if (error instanceof ConflictError) return refuse(error.message);
      throw error;
    }
    return redirectSaved(reply, settingsHref(loaded.planId, '#scheme'), 'scheme');
  });
}

/** The plan-fields form as sent: text fields and each date's three parts. */
function sentValues(sent: Record<string, string>): SettingsValues {
  const parts = (f: string) => ({
    day: sent[`${f}-day`] ?? '',
    month: sent[`${f}-month`] ?? '',
    year: sent[`${f}-year`] ?? '',
  });
  return {
    title: sent.title ?? '',
    versionLabel: sent.versionLabel ?? '',
    status: sent.status ?? '',
    periodStart: parts('periodStart'),
    periodEnd: parts('periodEnd'),
  };
}

/** A form kept across a sign-in, over the current values. */
function keptValues(kept: Record<string, string>, values: SettingsValues): Partial<SettingsValues> {
  const part = (f: string, p: string) => kept[`${f}-${p}`] ?? '';
  return {
    title: kept.title ?? values.title,
    versionLabel: kept.versionLabel ?? values.versionLabel,
    status: kept.status ?? values.status,
    ...Object.fromEntries(
      DATE_FIELDS.map((f) => [
        f,
        { day: part(f, 'day'), month: part(f, 'month'), year: part(f, 'year') },
      ]),
    ),
  };
}
