import type { ChangeRow } from '../history/history.repository.js';
import { isOverdue, type FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { formatDate } from '../lib/format.js';
import type { PlanDocumentParsed } from './document/plan-document.schema.js';
import type { Deadline } from './plan.service.js';
import { periodAround, statusTag, type Tag } from './plan.view-model.js';

// The plan at a glance: how many actions stand at each status, what needs attention (overdue,
// due this month, no update this month, proposals awaiting confirmation), what changed since
// a date, the statutory deadline while the plan is being written; the same counts for each
// section, theme or workstream. Each count links to the overview filtered to those actions.

type Doc = PlanDocumentParsed;
type DocAction = Doc['actions'][number];

export interface Count {
  label: string;
  n: number;
  href: string | null;
  tag?: Tag;
}

const asDue = (due: DocAction['due']): FuzzyDate | null => (typeof due === 'object' ? due : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The day a month before `today` (the default "changed since"), clamped to month ends. */
export function monthBefore(today: string): string {
  const [y = 0, m = 1, d = 1] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(y, m - 2, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/** Counts of one set of actions: by status (in the scheme's order), and what needs attention. */
function countsOf(doc: Doc, actions: DocAction[], today: string, link: (q: string) => string) {
  const complete = new Set(
    doc.ragScheme.statuses.filter((s) => s.category === 'complete').map((s) => s.code),
  );
  const open = actions.filter((a) => !complete.has(a.status ?? ''));
  const monthStart = `${today.slice(0, 8)}01`;
  const updated = new Set(doc.updates.filter((u) => u.date >= monthStart).map((u) => u.actionId));
  const [from, to] = periodAround(today, 'month');
  const byStatus: Count[] = doc.ragScheme.statuses
    .map((s) => ({
      label: s.label,
      n: actions.filter((a) => a.status === s.code).length,
      href: link(`status=${encodeURIComponent(s.code)}`),
      tag: statusTag(doc, s.code),
    }))
    .concat([
      {
        label: 'No status',
        n: actions.filter((a) => !a.status).length,
        href: link('status=none'),
        tag: statusTag(doc, null),
      },
    ])
    .filter((c) => c.n > 0);
  const attention: Count[] = [
    {
      label: 'overdue',
      n: open.filter((a) => {
        const due = asDue(a.due);
        return due !== null && isOverdue(due, today);
      }).length,
      href: link('overdue=yes'),
    },
    {
      label: 'due this month',
      n: open.filter((a) => {
        const end = asDue(a.due)?.end;
        return !!end && end >= from && end <= to;
      }).length,
      href: link('due=month'),
    },
    {
      label: 'with no update this month',
      n: open.filter((a) => !updated.has(a.id)).length,
      href: link('noUpdate=yes'),
    },
  ];
  return { total: actions.length, byStatus, attention };
}

/** What changed in the plan since `since`, in counts a board would ask for. */
function changesSince(history: ChangeRow[], since: string) {
  const rows = history.filter((h) => h.at.slice(0, 10) >= since);
  const actionRows = rows.filter((h) => h.entity === 'action');
  const changed = (h: ChangeRow, field: string) =>
    h.op === 'update' && JSON.stringify(h.before?.[field]) !== JSON.stringify(h.after?.[field]);
  const facts = [
    { n: rows.filter((h) => h.entity === 'update' && h.op === 'create').length, one: 'new update' },
    { n: actionRows.filter((h) => changed(h, 'status')).length, one: 'status change' },
    {
      n: actionRows.filter((h) => changed(h, 'due')).length,
      one: 'due date moved',
      many: 'due dates moved',
    },
    {
      n: actionRows.filter((h) => h.op === 'create').length,
      one: 'action added',
      many: 'actions added',
    },
    {
      n: actionRows.filter((h) => h.op === 'delete').length,
      one: 'action removed',
      many: 'actions removed',
    },
  ];
  return {
    since: formatDate(since),
    sinceIso: since,
    items: facts.filter((f) => f.n > 0).map((f) => plural(f.n, f.one, f.many)),
  };
}

/** The summary at the top of the overview. */
export function planSummary(
  doc: Doc,
  planId: string,
  options: {
    today: string;
    since: string;
    deadline: Deadline | null;
    history: ChangeRow[];
    /** Whether the reader may confirm proposals (the link to the list is theirs only). */
    canDecide: boolean;
    /** Adds to a link within the plan what it must keep (the as-at day). */
    keep?: (href: string) => string;
  },
) {
  const base = `/plans/${planId}`;
  const keep = options.keep ?? ((href: string) => href);
  const link = (q: string) => keep(`${base}?${q}`);
  const whole = countsOf(doc, doc.actions, options.today, link);
  const awaiting = doc.actions.filter((a) => a.proposedStatus).length;
  // While the plan is being written, the statement of action's statutory date matters most.
  const beingWritten = doc.plan.status === 'draft' || doc.plan.status === 'approved';
  const recById = new Map(doc.recommendations.map((r) => [r.id, r]));
  const groupOf = (a: DocAction) => {
    const rec = recById.get(a.recommendationId ?? '');
    return { sectionId: rec?.sectionId ?? null, themeId: a.themeId ?? rec?.themeId ?? null };
  };
  const parts = [
    ...doc.sections.map((s) => ({
      title: [s.ref, s.title].filter(Boolean).join(' '),
      kind: 'Section',
      actions: doc.actions.filter((a) => groupOf(a).sectionId === s.id),
      link: (q: string) => link(`section=${encodeURIComponent(s.id)}&${q}`),
    })),
    ...doc.themes.map((t) => ({
      title: [t.ref, t.title].filter(Boolean).join(' '),
      kind: t.kind === 'workstream' ? 'Workstream' : 'Theme',
      actions: doc.actions.filter((a) => groupOf(a).themeId === t.id),
      link: (q: string) => link(`theme=${encodeURIComponent(t.id)}&${q}`),
    })),
  ].filter((p) => p.actions.length > 0);
  return {
    ...whole,
    awaiting: awaiting
      ? { n: awaiting, href: options.canDecide ? `${base}/proposals` : null }
      : null,
    deadline:
      beingWritten && options.deadline
        ? {
            date: formatDate(options.deadline.date),
            passed: options.deadline.date < options.today,
          }
        : null,
    changes: changesSince(options.history, options.since),
    parts: parts.map((p) => ({
      title: p.title,
      kind: p.kind,
      ...countsOf(doc, p.actions, options.today, p.link),
    })),
  };
}
