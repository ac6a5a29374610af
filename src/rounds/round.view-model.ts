import { formatDate, leadNames, NO_LEAD } from '../lib/format.js';
import type { RoundRow, RoundUpdateRow } from './round.repository.js';
import type { RoundAction } from './round.service.js';
import { UPLOAD_LIFETIME_HOURS } from './workbook/workbook.types.js';

// Plain values for the rounds' pages: templates hold no logic.

export const NO_UPDATE_THIS_ROUND = 'No update this round';

export const roundsHref = (planId: string) => `/plans/${planId}/rounds`;
export const roundHref = (planId: string, roundId: string) => `/plans/${planId}/rounds/${roundId}`;
/** A round's workbook: one lead's actions, or (with no lead) every action of the round. */
export const workbookHref = (planId: string, roundId: string, lead?: string) =>
  `${roundHref(planId, roundId)}/workbook${lead ? `?lead=${encodeURIComponent(lead)}` : ''}`;
export const myUpdatesHref = (planId: string, roundId: string) =>
  `${roundHref(planId, roundId)}/my-updates`;

/** "Open until 20 April 2026" or "Closed on 25 April 2026". */
export function roundState(round: RoundRow): string {
  return round.closedAt
    ? `Closed on ${formatDate(round.closedAt)}`
    : `Open, deadline ${formatDate(round.deadline)}`;
}

type ProgressAction = RoundAction & { updates: RoundUpdateRow[] };

/** Each lead named by the round's actions: how many they lead, how many have an update. */
export function byLead(planId: string, actions: ProgressAction[]) {
  const leads = new Map<string, ProgressAction[]>();
  for (const a of actions) {
    const names = a.leads.length ? [...new Set(a.leads.map((l) => l.name))] : [NO_LEAD];
    for (const name of names) leads.set(name, [...(leads.get(name) ?? []), a]);
  }
  return [...leads]
    .sort(([a], [b]) => (a === NO_LEAD ? 1 : b === NO_LEAD ? -1 : a.localeCompare(b)))
    .map(([lead, list]) => {
      const missing = list.filter((a) => !a.updates.length);
      return {
        lead,
        total: list.length,
        updated: list.length - missing.length,
        missing: missing.map((a) => ({
          label: a.label,
          href: `/plans/${planId}/actions/${encodeURIComponent(a.id)}`,
        })),
      };
    });
}

/** The round page's values. */
export function roundPage(
  planId: string,
  planTitle: string,
  round: RoundRow,
  actions: ProgressAction[],
) {
  const updated = actions.filter((a) => a.updates.length).length;
  return {
    name: round.name,
    planTitle,
    planHref: `/plans/${planId}`,
    roundsHref: roundsHref(planId),
    open: !round.closedAt,
    deadlineHref: `${roundHref(planId, round.id)}/deadline`,
    closeHref: `${roundHref(planId, round.id)}/close`,
    remindHref: `${roundHref(planId, round.id)}/remind`,
    myUpdatesHref: myUpdatesHref(planId, round.id),
    rows: [
      { key: { text: 'State' }, value: { text: roundState(round) } },
      { key: { text: 'Deadline for leads' }, value: { text: formatDate(round.deadline) } },
      {
        key: { text: 'Opened' },
        value: { text: `${formatDate(round.openedAt)} by ${round.openedBy}` },
      },
      ...(round.closedAt
        ? [
            {
              key: { text: 'Closed' },
              value: { text: `${formatDate(round.closedAt)} by ${round.closedBy ?? ''}` },
            },
          ]
        : []),
      {
        key: { text: 'Updated' },
        value: { text: `${updated} of ${actions.length} action${actions.length === 1 ? '' : 's'}` },
      },
    ],
    leads: byLead(planId, actions).map((l) => ({
      ...l,
      workbookHref: l.lead === NO_LEAD ? null : workbookHref(planId, round.id, l.lead),
    })),
    workbookHref: workbookHref(planId, round.id),
    workbookForm: {
      postHref: `${workbookHref(planId, round.id)}/upload`,
      lifetime: UPLOAD_LIFETIME_HOURS,
    },
    actions: actions.map((a) => {
      const last = a.updates.at(-1);
      return {
        label: a.label,
        href: `/plans/${planId}/actions/${encodeURIComponent(a.id)}`,
        leads: leadNames(a.leads),
        update: last ? `${formatDate(last.date)}, ${last.author}` : NO_UPDATE_THIS_ROUND,
        missing: !last,
      };
    }),
  };
}

/** A plan's rounds, newest first, each with its state and how many actions were updated. */
export function roundList(
  planId: string,
  rounds: Array<{ round: RoundRow; total: number; updated: number }>,
) {
  return rounds.map(({ round, total, updated }) => ({
    name: round.name,
    href: roundHref(planId, round.id),
    deadline: formatDate(round.deadline),
    state: round.closedAt ? `Closed on ${formatDate(round.closedAt)}` : 'Open',
    open: !round.closedAt,
    updated: `${updated} of ${total}`,
  }));
}
