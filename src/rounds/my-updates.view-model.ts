import type { RagStatus } from '../db/schema.js';
import { formatDate, NO_DATE } from '../lib/format.js';
import { describeFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { FormErrors } from '../web/forms.js';
import type { RoundRow, RoundUpdateRow } from './round.repository.js';
import type { RoundAction } from './round.service.js';
import { NO_UPDATE_THIS_ROUND } from './round.view-model.js';

// "Your updates for <round>": a lead's actions in the round, one form for all of them.

/** An update as the action's last one. */
export interface LastUpdate {
  date: string;
  author: string;
  text: string;
}

/** What a lead typed for one action: field names carry its place on the page (text-0, status-0). */
export interface Entry {
  actionId: string;
  text: string;
  status: string;
}

const tag = (scheme: RagStatus[], code: string | null) => {
  const s = scheme.find((x) => x.code === code);
  return s
    ? { text: s.label, classes: `govuk-tag--${s.colour}` }
    : { text: 'No status', classes: 'govuk-tag--grey' };
};

/** The page's values: each action with its status, last update and this round's fields. */
export function myUpdatesPage(input: {
  planId: string;
  round: RoundRow;
  scheme: RagStatus[];
  actions: Array<RoundAction & { updates: RoundUpdateRow[]; last: LastUpdate | null }>;
  entries: Entry[] | null;
  errors: FormErrors;
}) {
  const { planId, round, scheme, errors } = input;
  const closed = !!round.closedAt;
  return {
    name: round.name,
    planHref: `/plans/${planId}`,
    note: closed
      ? `‘${round.name}’ closed on ${formatDate(round.closedAt)}. Updates you give now count towards the next round.`
      : `Give your updates by ${formatDate(round.deadline)}. Each one is saved when you press a save button; you can come back to the rest.`,
    total: input.actions.length,
    updated: input.actions.filter((a) => a.updates.length).length,
    actions: input.actions.map((a, i) => {
      const entry = input.entries?.[i];
      const status = entry ? entry.status : (a.status ?? '');
      const mine = a.updates.at(-1);
      return {
        index: i,
        id: a.id,
        label: a.label,
        text: a.text,
        href: `/plans/${planId}/actions/${encodeURIComponent(a.id)}`,
        status: tag(scheme, a.status),
        due: a.due ? describeFuzzyDate(a.due) : NO_DATE,
        round: mine
          ? {
              tag: { text: 'Updated', classes: 'govuk-tag--green' },
              after: `on ${formatDate(mine.date)}`,
            }
          : { tag: { text: NO_UPDATE_THIS_ROUND, classes: 'govuk-tag--grey' }, after: '' },
        last: a.last && {
          when: `${formatDate(a.last.date)}, ${a.last.author}`,
          text: a.last.text,
        },
        value: entry?.text ?? '',
        textError: errors.fieldErrors[`text-${i}`],
        statusError: errors.fieldErrors[`status-${i}`],
        statusItems: scheme.map((s) => ({
          value: s.code,
          text: s.label,
          checked: s.code === status,
        })),
      };
    }),
  };
}
