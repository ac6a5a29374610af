import { expectedPeriod } from '../actions/update-period.js';
import { formatDate, leadNames, NO_DATE } from '../lib/format.js';
import { describeFuzzyDate, isOverdue, type FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { PlanDocumentParsed } from './document/plan-document.schema.js';
import type { Deadline } from './plan.service.js';
import { updatesOfAction } from '../updates/updates-of-action.js';

// Plain, formatted values for the templates: templates hold no logic.

export { formatDate };

export interface Tag {
  text: string;
  classes: string;
}
type Doc = PlanDocumentParsed;
type DocAction = Doc['actions'][number];

const asDue = (due: DocAction['due']): FuzzyDate | null => (typeof due === 'object' ? due : null);

/** The status of an action as a GOV.UK tag with its words, never colour alone. */
export function statusTag(doc: Doc, code: string | null): Tag {
  const status = doc.ragScheme.statuses.find((s) => s.code === code);
  return status
    ? { text: status.label, classes: `govuk-tag--${status.colour}` }
    : { text: 'No status', classes: 'govuk-tag--grey' };
}

export interface ActionFilters {
  status?: string;
  lead?: string;
  overdue?: boolean;
  /** A theme or workstream id: its actions, and the actions of its recommendations. */
  theme?: string;
  /** A section id: the actions of its recommendations. */
  section?: string;
  /** Due (window ends) this calendar month or quarter. */
  due?: 'month' | 'quarter';
  /** No update in the open round (of the actions it covers), else none dated this month. */
  noUpdate?: boolean;
  /** The lead's proposed status and the rules' suggestion disagree. */
  disagree?: boolean;
  /** Its due date has moved later at least once. */
  slipped?: boolean;
}

/** What other concepts know about each action on the day shown, by action id. */
export interface ActionMarks {
  /** Proposal and suggestion disagree: "Proposed Green, but due 31 March 2018 and ...". */
  disagree?: ReadonlyMap<string, { text: string }>;
  /** Slipped: "Slipped 2 times, by 3 months in all". */
  slipped?: ReadonlyMap<string, { text: string }>;
  /** A recurring or ongoing action without its period's update: "No update this quarter". */
  periodMissing?: ReadonlyMap<string, string>;
}

/** The open update round's facts: the actions it covers and those updated in it. */
export interface OpenRound {
  name: string;
  covered: ReadonlySet<string>;
  updated: ReadonlySet<string>;
}

/** The first and last day of today's month or quarter. */
export function periodAround(today: string, span: 'month' | 'quarter'): [string, string] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const first = span === 'month' ? month : month - ((month - 1) % 3);
  const last = span === 'month' ? month : first + 2;
  const end = new Date(Date.UTC(year, last, 0)).toISOString().slice(0, 10);
  return [`${year}-${String(first).padStart(2, '0')}-01`, end];
}

/** Actions the filters let through; overdue means past its window and not complete. */
export function filterActions(
  doc: Doc,
  filters: ActionFilters,
  today: string,
  round: OpenRound | null = null,
  marks: ActionMarks = {},
): DocAction[] {
  const complete = new Set(
    doc.ragScheme.statuses.filter((s) => s.category === 'complete').map((s) => s.code),
  );
  // Without a round, an action is up to date with an update in its own period: the month, or
  // a recurring action's quarter (say).
  const monthStart = `${today.slice(0, 8)}01`;
  const since = (a: DocAction) => expectedPeriod(asDue(a.due), today)?.start ?? monthStart;
  const updatedInPeriod = (a: DocAction) =>
    updatesOfAction(doc.updates, a.id).some((u) => u.date >= since(a) && u.date <= today);
  const waiting = (a: DocAction) =>
    round
      ? !round.covered.has(a.id) || round.updated.has(a.id)
      : updatedInPeriod(a) || complete.has(a.status ?? '');
  const window = filters.due ? periodAround(today, filters.due) : null;
  const themeOf = new Map(doc.recommendations.map((r) => [r.id, r.themeId]));
  const sectionOf = new Map(doc.recommendations.map((r) => [r.id, r.sectionId]));
  return doc.actions.filter((a) => {
    if (filters.section && sectionOf.get(a.recommendationId ?? '') !== filters.section)
      return false;
    if (filters.status && (a.status ?? 'none') !== filters.status) return false;
    if (
      filters.theme &&
      a.themeId !== filters.theme &&
      themeOf.get(a.recommendationId ?? '') !== filters.theme
    )
      return false;
    if (window) {
      const end = asDue(a.due)?.end;
      if (!end || end < window[0] || end > window[1]) return false;
    }
    if (filters.noUpdate && waiting(a)) return false;
    if (filters.lead && !a.leads.some((l) => l.name === filters.lead)) return false;
    if (filters.disagree && !marks.disagree?.has(a.id)) return false;
    if (filters.slipped && !marks.slipped?.has(a.id)) return false;
    if (filters.overdue) {
      const due = asDue(a.due);
      if (!due || !isOverdue(due, today) || complete.has(a.status ?? '')) return false;
    }
    return true;
  });
}

export function actionRow(
  doc: Doc,
  planId: string,
  a: DocAction,
  today: string,
  keep: (href: string) => string = (href) => href,
  round: OpenRound | null = null,
  marks: ActionMarks = {},
) {
  const due = asDue(a.due);
  return {
    disagree: marks.disagree?.get(a.id)?.text ?? null,
    slipped: marks.slipped?.get(a.id)?.text ?? null,
    periodMissing: marks.periodMissing?.get(a.id) ?? null,
    noRoundUpdate: !!round && round.covered.has(a.id) && !round.updated.has(a.id),
    href: keep(`/plans/${planId}/actions/${encodeURIComponent(a.id)}`),
    ref: a.ref ?? '',
    text: a.text,
    leads: leadNames(a.leads),
    due: due ? describeFuzzyDate(due) : NO_DATE,
    overdue: due ? isOverdue(due, today) : false,
    status: statusTag(doc, a.status),
  };
}

/**
 * Above this many actions, the overview without a filter lists recommendations with their
 * status counts and links, not every action: a table of hundreds of rows is hard to scan
 * and slow to load. A filter, or a recommendation's own page, lists the actions.
 */
export const ACTIONS_LISTED_UNFILTERED = 120;

/** The plan overview: recommendations grouped under their section or theme, with their actions. */
export function planOverview(
  doc: Doc,
  planId: string,
  deadline: Deadline | null,
  filters: ActionFilters,
  today: string,
  /** Adds to a link within the plan what it must keep (the as-at day). */
  keep: (href: string) => string = (href) => href,
  /** The open update round, if any: its actions without an update say so. */
  round: OpenRound | null = null,
  marks: ActionMarks = {},
) {
  const shown = new Set(filterActions(doc, filters, today, round, marks).map((a) => a.id));
  const filtered = Object.values(filters).some(Boolean);
  const folded = !filtered && doc.actions.length > ACTIONS_LISTED_UNFILTERED;
  const groupTitle = (r: Doc['recommendations'][number]) =>
    [
      doc.sections.find((s) => s.id === r.sectionId)?.title,
      doc.themes.find((t) => t.id === r.themeId)?.title,
    ]
      .filter(Boolean)
      .join(': ') || 'Recommendations';
  const groups: Array<{ title: string; recommendations: unknown[] }> = [];
  for (const r of doc.recommendations) {
    const title = groupTitle(r);
    let group = groups.at(-1);
    if (!group || group.title !== title) groups.push((group = { title, recommendations: [] }));
    const actions = doc.actions.filter((a) => a.recommendationId === r.id);
    group.recommendations.push({
      href: keep(`/plans/${planId}/recommendations/${encodeURIComponent(r.id)}`),
      ref: r.ref ?? '',
      text: r.text,
      counts: doc.ragScheme.statuses
        .map((s) => ({
          tag: statusTag(doc, s.code),
          n: actions.filter((a) => a.status === s.code).length,
        }))
        .concat([{ tag: statusTag(doc, null), n: actions.filter((a) => a.status === null).length }])
        .filter((c) => c.n > 0),
      actionCount: actions.length,
      actions: folded
        ? []
        : actions
            .filter((a) => shown.has(a.id))
            .map((a) => actionRow(doc, planId, a, today, keep, round, marks)),
    });
  }
  const leads = [...new Set(doc.actions.flatMap((a) => a.leads.map((l) => l.name)))].sort();
  return {
    title: doc.plan.title,
    versionLabel: doc.plan.versionLabel ?? '',
    organisation: doc.organisation.name,
    status: doc.plan.status.charAt(0).toUpperCase() + doc.plan.status.slice(1),
    deadline: deadline && {
      date: formatDate(deadline.date),
      basis: deadline.basis,
      overridden: deadline.source === 'override',
    },
    groups,
    round: round && { name: round.name },
    shownCount: shown.size,
    folded,
    totalCount: doc.actions.length,
    filters: {
      status: filters.status ?? '',
      lead: filters.lead ?? '',
      overdue: filters.overdue ?? false,
      noUpdate: filters.noUpdate ?? false,
      disagree: filters.disagree ?? false,
      slipped: filters.slipped ?? false,
      noUpdateText: round ? 'No update this round' : 'No update this month',
      themeItems: doc.themes.length
        ? [{ value: '', text: 'Any theme or workstream' }]
            .concat(
              doc.themes.map((t) => ({
                value: t.id,
                text: [t.ref, t.title].filter(Boolean).join(' '),
              })),
            )
            .map((i) => ({ ...i, selected: i.value === (filters.theme ?? '') }))
        : null,
      sectionItems:
        doc.sections.length > 1
          ? [{ value: '', text: 'Any section' }]
              .concat(
                doc.sections.map((x) => ({
                  value: x.id,
                  text: [x.ref, x.title].filter(Boolean).join(' '),
                })),
              )
              .map((i) => ({ ...i, selected: i.value === (filters.section ?? '') }))
          : null,
      dueItems: [
        { value: '', text: 'Any time' },
        { value: 'month', text: 'This month' },
        { value: 'quarter', text: 'This quarter' },
      ].map((i) => ({ ...i, selected: i.value === (filters.due ?? '') })),
      statusItems: [{ value: '', text: 'Any status' }]
        .concat(doc.ragScheme.statuses.map((s) => ({ value: s.code, text: s.label })))
        .concat([{ value: 'none', text: 'No status' }])
        .map((i) => ({ ...i, selected: i.value === (filters.status ?? '') })),
      leadItems: [{ value: '', text: 'Any lead' }]
        .concat(leads.map((l) => ({ value: l, text: l })))
        .map((i) => ({ ...i, selected: i.value === (filters.lead ?? '') })),
    },
  };
}
