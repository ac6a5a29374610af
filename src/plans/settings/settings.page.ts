import type { FastifyReply, FastifyRequest } from 'fastify';
import { policy } from '../../access/policy.js';
import type { AppContext } from '../../composition.js';
import { authorisePlan } from '../../web/guard.js';
import type { FormIssue } from '../../web/forms.js';
import {
  CONFIRMATION_FORM,
  type FieldsFormState,
  freshFieldsState,
  freshFormState,
  type PlanFormState,
  schemeForm,
} from './settings-conflict.js';
import { dateParts, type SettingsValues, settingsPage } from './settings.view-model.js';

// The plan settings page, shared by the forms on it: the plan's own fields and its RAG
// scheme (settings.routes.ts) and the boards that oversee it (boards/board.routes.ts).

/** What each settings form says about a field it cannot use. */
export const SETTINGS_MESSAGES = {
  title: 'Enter the plan’s title (500 characters or fewer)',
  versionLabel: 'Version must be 200 characters or fewer',
  status: 'Choose a status',
  periodStart: 'The start date must be a real date, like 1 4 2026',
  periodEnd: 'The end date must be a real date on or after the start date, like 31 3 2028',
  ragSchemeId: 'Choose one of the schemes listed',
  boardName: 'Enter the board’s name (200 characters or fewer)',
  boardCadence: 'How often it meets must be 200 characters or fewer',
  boardChair: 'Chair must be 200 characters or fewer',
};

/** The settings page's data, after the one check (the person may edit the plan). */
export async function loadSettings(app: AppContext, request: FastifyRequest) {
  const { planId } = request.params as { planId: string };
  return app.transaction(async (trx) => {
    await authorisePlan(app, trx, request, planId, policy.editPlan);
    const view = await app.services.plans.get(trx, planId);
    return { planId, view, schemes: await app.services.schemes.available(trx, planId) };
  });
}
export type LoadedSettings = Awaited<ReturnType<typeof loadSettings>>;

/** The plan's fields as the form shows them now. */
export const currentSettings = ({ view }: LoadedSettings): SettingsValues => ({
  title: view.plan.title,
  versionLabel: view.plan.versionLabel ?? '',
  status: view.plan.status,
  periodStart: dateParts(view.plan.periodStart),
  periodEnd: dateParts(view.plan.periodEnd),
});

/** The smaller forms' states; each read now unless given (refused, with a conflict). */
export interface OtherForms {
  scheme?: FieldsFormState;
  confirmation?: FieldsFormState;
}

/** The scheme form's fields, its schemes named as the page names them. */
export const schemeFormOf = (loaded: LoadedSettings) =>
  schemeForm((id) => loaded.schemes.find((s) => s.id === id)?.name ?? 'Another scheme');

/**
 * The settings page, with what was typed and what was wrong with it (400 when anything; 409
 * when a form was refused because someone else saved what it changes since it was read).
 */
export function renderSettings(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedSettings,
  values: SettingsValues,
  issues: FormIssue[] = [],
  board?: { name: string; cadence: string; chair: string },
  planForm: PlanFormState = freshFormState(loaded.view.plan),
  others: OtherForms = {},
) {
  const plan = loaded.view.plan;
  const next = app.services.plans.nextStatuses(plan.status);
  const scheme = others.scheme ?? freshFieldsState(plan, schemeFormOf(loaded));
  const confirmation = others.confirmation ?? freshFieldsState(plan, CONFIRMATION_FORM);
  const refused = planForm.conflict ?? scheme.conflict ?? confirmation.conflict;
  const code = refused ? 409 : issues.length ? 400 : 200;
  const page = settingsPage(loaded.view, loaded.schemes, next, values, issues, board);
  // The smaller forms show what they hold (after a refusal: what is saved, with yours on top).
  for (const item of page.settings.scheme.items)
    item.checked = item.value === scheme.values.ragSchemeId;
  page.settings.confirmation.on = confirmation.values.confirmStatuses === 'yes';
  page.settings.confirmation.evidence = confirmation.values.evidenceBeforeComplete === 'yes';
  return reply.code(code).render('settings.njk', {
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...page,
    planForm,
    schemeForm: scheme,
    confirmationForm: confirmation,
  });
}

/** Where a settings form goes back to. */
export const settingsHref = (planId: string, anchor = '') => `/plans/${planId}/settings${anchor}`;
