import { type DateParts, dateInputParams, dateParts } from '../../lib/date-parts.js';
import { formatDate } from '../../lib/format.js';
import { type Stage, STAGES } from './clock.repository.js';
import { type ClockDue, type ClockFacts, clockDues, STAGE_LABELS } from './clock.service.js';

// Plain values for the statutory clock: the panel on the overview of a plan being written,
// and the form that sets its dates.

export const clockHref = (planId: string) => `/plans/${planId}/clock`;

/** "12 working days left", "Due today", "3 working days overdue". */
export function daysLeft(due: ClockDue): string {
  const n = due.workingDaysLeft;
  if (n === 0) return 'Due today';
  const days = `${Math.abs(n)} working day${Math.abs(n) === 1 ? '' : 's'}`;
  return n > 0 ? `${days} left` : `${days} overdue`;
}

/**
 * The overview's clock panel as it stood on `today` (stages reached later are not shown);
 * null once the plan is no longer being written, or before its report was received.
 */
export function clockPanel(facts: ClockFacts, today: string, editHref: string | null) {
  if (!facts.beingWritten || (facts.receivedOn && facts.receivedOn > today)) return null;
  const dues = clockDues(facts, today);
  const reached = new Map([...facts.stages].filter(([, day]) => day <= today));
  const submitted = reached.get('submitted');
  const line = (what: string, due: ClockDue) => ({
    what,
    date: formatDate(due.date),
    left: submitted ? `Submitted on ${formatDate(submitted)}` : daysLeft(due),
    late: !submitted && due.workingDaysLeft < 0,
  });
  return {
    received: facts.receivedOn ? formatDate(facts.receivedOn) : null,
    dues: dues
      ? [
          ...(dues.draft ? [line('First draft (areas for priority action)', dues.draft)] : []),
          line(
            facts.override
              ? `Statement of action (agreed date: ${facts.override.reason})`
              : 'Statement of action',
            dues.statement,
          ),
        ]
      : [],
    stages: STAGES.map((s) => ({
      label: STAGE_LABELS[s],
      reached: reached.has(s) ? formatDate(reached.get(s)) : 'Not yet',
    })),
    editHref,
  };
}

export interface ClockValues {
  receivedOn: DateParts;
  priorityDraft: string;
  stages: Record<Stage, DateParts>;
}

/** The form's values from the saved facts. */
export const clockValues = (facts: ClockFacts): ClockValues => ({
  receivedOn: dateParts(facts.receivedOn),
  priorityDraft: facts.priorityDraft ? 'yes' : 'no',
  stages: Object.fromEntries(
    STAGES.map((s) => [s, dateParts(facts.stages.get(s) ?? null)]),
  ) as Record<Stage, DateParts>,
});

/** The clock form's GOV.UK components, with each field's error. */
export function clockForm(values: ClockValues, fieldErrors: Record<string, { text: string }>) {
  return {
    receivedOn: dateInputParams(
      'receivedOn',
      'Day the inspection report was received',
      values.receivedOn,
      {
        error: fieldErrors.receivedOn,
        hint: 'Usually the day Ofsted published it. The 70 working days start the next working day. For example, 1 4 2026',
        legendClasses: 'govuk-fieldset__legend--m',
      },
    ),
    priorityDraft: {
      idPrefix: 'priorityDraft',
      name: 'priorityDraft',
      classes: 'govuk-radios--inline',
      fieldset: {
        legend: {
          text: 'Is a first draft due for areas for priority action?',
          classes: 'govuk-fieldset__legend--m',
        },
      },
      hint: {
        text: 'After a focused visit with areas for priority action, a first draft is due within 20 working days.',
      },
      errorMessage: fieldErrors.priorityDraft,
      items: [
        { value: 'yes', text: 'Yes', checked: values.priorityDraft === 'yes' },
        { value: 'no', text: 'No', checked: values.priorityDraft === 'no' },
      ],
    },
    stages: STAGES.map((s) =>
      dateInputParams(s, STAGE_LABELS[s], values.stages[s], {
        error: fieldErrors[s],
        hint: 'The day it was reached. Leave empty if not yet.',
        legendClasses: 'govuk-fieldset__legend--s',
      }),
    ),
  };
}
