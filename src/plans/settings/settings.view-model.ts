import type { RagSchemeRow } from '../../rag/rag-scheme.repository.js';
import type { PlanStatus } from '../plan.schema.js';
import { PLAN_STATUSES } from '../plan.schema.js';
import type { PlanView } from '../plan.service.js';
import type { Issue } from '../content/content-form.js';
import { formErrors } from '../../web/forms.js';

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
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** "2026-04-01" as its three parts, unpadded, as a person would type them. */
export function dateParts(iso: string | null): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The three parts as an ISO date; null when all are blank, undefined when it is not a real date. */
export function isoFromParts(parts: DateParts): string | null | undefined {
  const { day, month, year } = {
    day: parts.day.trim(),
    month: parts.month.trim(),
    year: parts.year.trim(),
  };
  if (!day && !month && !year) return null;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

const dateInput = (id: string, legend: string, parts: DateParts, error?: { text: string }) => ({
  id,
  namePrefix: id,
  fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'For example, 1 4 2026' },
  errorMessage: error,
  items: (['day', 'month', 'year'] as const).map((part) => ({
    name: part,
    label: part[0]?.toUpperCase() + part.slice(1),
    value: parts[part],
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`,
  })),
});

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
  const current = view.plan.status;
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
        hint: {
          text: `The plan is ${STATUS_LABELS[current].toLowerCase()}. From here it can become ${next.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ')}.`,
        },
        errorMessage: fieldErrors.status,
        items: PLAN_STATUSES.map((s) => ({
          value: s,
          text: STATUS_LABELS[s],
          checked: s === values.status,
        })),
      },
      periodStart: dateInput(
        'periodStart',
        'Plan period starts (optional)',
        values.periodStart,
        fieldErrors.periodStart,
      ),
      periodEnd: dateInput(
        'periodEnd',
        'Plan period ends (optional)',
        values.periodEnd,
        fieldErrors.periodEnd,
      ),
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
