import type { RagSchemeRow } from '../../rag/rag-scheme.repository.js';
import type { PlanStatus } from '../plan.schema.js';
import { PLAN_STATUSES } from '../plan.schema.js';
import type { PlanView } from '../plan.service.js';
import type { Issue } from '../content/content-form.js';
import { formErrors } from '../../web/forms.js';
import { type DateParts, dateInputParams } from '../../lib/date-parts.js';

export { type DateParts, dateParts, isoFromParts } from '../../lib/date-parts.js';

// Plain values for the plan settings page: the plan's own fields, its RAG scheme and its
// boards. Dates are GOV.UK date inputs (day, month, year).

export const STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  submitted: 'Submitted',
  monitoring: 'Monitoring',
  closed: 'Closed',
};

export interface SettingsValues {
  title: string;
  versionLabel: string;
  status: string;
  periodStart: DateParts;
  periodEnd: DateParts;
}

/**
 * The plan's status as radios offering only what it may be now: its current status and the
 * steps allowed from it (a step not allowed is refused anyway, so it is not offered).
 */
export function statusChoices(current: PlanStatus, next: readonly PlanStatus[], chosen: string) {
  const offered = PLAN_STATUSES.filter((s) => s === current || next.includes(s));
  const lower = (s: PlanStatus) => STATUS_LABELS[s].toLowerCase();
  return {
    hint:
      next.length === 0
        ? `The plan is ${lower(current)}. Its status cannot change from here.`
        : `The plan is ${lower(current)}. From here it can become ${next.map(lower).join(' or ')}.`,
    items: offered.map((s) => ({
      value: s,
      text: STATUS_LABELS[s],
      checked: s === chosen,
    })),
  };
}

/** Everything settings.njk shows; `issues` belong to the form that was sent. */
export function settingsPage(
  view: PlanView,
  schemes: RagSchemeRow[],
  next: PlanStatus[],
  values: SettingsValues,
  issues: Issue[],
  board: { name: string; cadence: string; chair: string } = { name: '', cadence: '', chair: '' },
) {
  const { errors, fieldErrors } = formErrors(issues);
  const planId = view.plan.id;
  const status = statusChoices(view.plan.status, next, values.status);
  return {
    title: 'Plan settings',
    errors: errors.map((e) =>
      e.href === '#periodStart' || e.href === '#periodEnd' ? { ...e, href: `${e.href}-day` } : e,
    ),
    settings: {
      planTitle: view.plan.title,
      planHref: `/plans/${planId}`,
      editHref: `/plans/${planId}/edit`,
      postHref: `/plans/${planId}/settings`,
      schemeHref: `/plans/${planId}/settings/scheme`,
      clockHref: `/plans/${planId}/clock`,
      confirmation: {
        href: `/plans/${planId}/settings/confirmation`,
        on: view.plan.confirmStatuses,
        evidence: view.plan.evidenceBeforeComplete,
        evidenceError: fieldErrors.evidenceBeforeComplete,
      },
      boardsHref: `/plans/${planId}/settings/boards`,
      title: {
        id: 'title',
        name: 'title',
        label: { text: 'Title', classes: 'govuk-label--s' },
        value: values.title,
        errorMessage: fieldErrors.title,
      },
      versionLabel: {
        id: 'versionLabel',
        name: 'versionLabel',
        label: { text: 'Version (optional)', classes: 'govuk-label--s' },
        hint: { text: 'For example ‘Final Draft (V7)’ or ‘April 2026 update’' },
        value: values.versionLabel,
        errorMessage: fieldErrors.versionLabel,
        classes: 'govuk-!-width-one-half',
      },
      status: {
        idPrefix: 'status',
        name: 'status',
        fieldset: { legend: { text: 'Status', classes: 'govuk-fieldset__legend--s' } },
        hint: { text: status.hint },
        errorMessage: fieldErrors.status,
        items: status.items,
      },
      periodStart: dateInputParams(
        'periodStart',
        'Plan period starts (optional)',
        values.periodStart,
        {
          error: fieldErrors.periodStart,
        },
      ),
      periodEnd: dateInputParams('periodEnd', 'Plan period ends (optional)', values.periodEnd, {
        error: fieldErrors.periodEnd,
      }),
      scheme: {
        idPrefix: 'ragSchemeId',
        name: 'ragSchemeId',
        fieldset: { legend: { text: 'RAG scheme', classes: 'govuk-fieldset__legend--s' } },
        hint: {
          text: 'The statuses actions are given. A scheme can be chosen only when it has every status the plan’s actions and updates use.',
        },
        errorMessage: fieldErrors.ragSchemeId,
        items: schemes.map((s) => ({
          value: s.id,
          text: `${s.name}${s.organisationId ? ' (your council’s own)' : ''}`,
          hint: { text: s.statuses.map((st) => `${st.label}: ${st.meaning}`).join('. ') },
          checked: s.id === view.plan.ragSchemeId,
        })),
      },
      boards: view.boards.map((b) => ({
        name: b.name,
        cadence: b.cadence ?? '—',
        chair: b.chair ?? '—',
        removeHref: `/plans/${planId}/settings/boards/${b.id}/remove`,
      })),
      board: {
        name: {
          id: 'boardName',
          name: 'boardName',
          label: { text: 'Board name', classes: 'govuk-label--s' },
          value: board.name,
          errorMessage: fieldErrors.boardName,
        },
        cadence: {
          id: 'boardCadence',
          name: 'boardCadence',
          label: { text: 'How often it meets (optional)', classes: 'govuk-label--s' },
          hint: { text: 'For example ‘Monthly’' },
          value: board.cadence,
          errorMessage: fieldErrors.boardCadence,
          classes: 'govuk-!-width-one-half',
        },
        chair: {
          id: 'boardChair',
          name: 'boardChair',
          label: { text: 'Chair (optional)', classes: 'govuk-label--s' },
          value: board.chair,
          errorMessage: fieldErrors.boardChair,
        },
      },
    },
  };
}
