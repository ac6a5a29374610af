import { changedFields } from '../history/history.service.js';
import type { ChangeRow } from '../history/history.repository.js';
import { describeFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { formatDate, formatDateTime, leadNames } from '../lib/format.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import { statusTag } from '../plans/plan.view-model.js';
import { actionLabels } from './action-label.js';
import { decisionForm } from '../updates/status-decision.js';

type Doc = PlanDocumentParsed;
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || '—' } });

/** What the person looking may do here; only those links and forms are shown. */
export interface ActionRights {
  edit: boolean;
  update: boolean;
  /** Confirm or change a proposed status (a plan manager). */
  decide: boolean;
}

/** The words for an action's fields in its history. */
const FIELD_NAMES: Record<string, string> = {
  text: 'the action',
  outcomes: 'the expected outcomes',
  leads: 'the leads',
  due: 'the due date',
  status: 'the status',
  proposedStatus: 'the proposed status',
  evidence: 'the evidence',
  ref: 'the reference',
  recommendationId: 'the recommendation',
  themeId: 'the theme or workstream',
};
const IGNORED = new Set(['id', 'planId', 'position', 'dueEnd']);

/** A link may be followed only if it goes outside (https) or to a file kept with this plan. */
const safeUrl = (planId: string, url: string | null) =>
  url && (/^https?:\/\//i.test(url) || url.startsWith(`/plans/${planId}/evidence/`)) ? url : null;

/** Everything about one action for its page: fields, due date as written and as understood, updates, history. */
export function actionPage(
  doc: Doc,
  planId: string,
  actionId: string,
  history: ChangeRow[],
  can: ActionRights,
  /** Adds to a link within the plan what it must keep (the as-at day). */
  keep: (href: string) => string = (href) => href,
) {
  const a = doc.actions.find((x) => x.id === actionId);
  if (!a) return null;
  const due = typeof a.due === 'object' ? a.due : null;
  const rec = doc.recommendations.find((r) => r.id === a.recommendationId);
  const href = `/plans/${planId}/actions/${encodeURIComponent(a.id)}`;
  const status = statusTag(doc, a.status);
  const categoryOf = (code: string | null) =>
    doc.ragScheme.statuses.find((s) => s.code === code)?.category ?? null;
  const proposed = a.proposedStatus ? statusTag(doc, a.proposedStatus) : null;
  const updates = doc.updates
    .filter((u) => u.actionId === a.id)
    // Newest first; the same day in the order they were given.
    .map((u, i) => ({ u, i }))
    .sort((x, y) => y.u.date.localeCompare(x.u.date) || y.i - x.i)
    .map(({ u }) => u);
  const evidence = updates.flatMap((u) =>
    u.evidence.map((e) => ({
      title: e.title,
      url: safeUrl(planId, e.url),
      file: e.kind === 'file',
      date: formatDate(u.date),
    })),
  );
  return {
    planHref: keep(`/plans/${planId}`),
    editHref: can.edit ? `${href}/edit` : null,
    updateHref: can.update ? `${href}/updates/new` : null,
    decideHref: can.decide && proposed ? `${href}/status` : null,
    label: actionLabels(doc).get(a.id) ?? 'Action',
    text: a.text,
    status,
    proposed,
    statusItems: doc.ragScheme.statuses.map((s) => ({ value: s.code, text: s.label })),
    proposedCode: a.proposedStatus,
    /** The version and values the decision form read (a later decision is refused). */
    decide: decisionForm(a),
    rows: [
      row('Recommendation', rec ? `${rec.ref ?? ''} ${rec.text}`.trim() : ''),
      row('Expected outcomes', a.outcomes ?? ''),
      row('Leads', leadNames(a.leads.map((l) => `${l.name} (${l.kind})`))),
      row('Due date as written', due?.text ?? ''),
      row('Due date as understood', due ? describeFuzzyDate(due) : ''),
      row(
        'Status',
        proposed ? `${status.text}; ${proposed.text} proposed, awaiting confirmation` : status.text,
      ),
      // The evidence given with updates is listed under the fields; a note about evidence
      // kept on the action itself stays here.
      ...(a.evidence || !evidence.length ? [row('Evidence', a.evidence ?? 'None given yet')] : []),
    ],
    evidence,
    updates: updates.map((u) => ({
      date: formatDate(u.date),
      author: u.author,
      text: u.text,
      status: u.proposedStatus ? statusTag(doc, u.proposedStatus) : null,
      // The rules' suggestion when the update was given, where it differed from the proposal.
      suggested:
        u.suggestedStatus && categoryOf(u.suggestedStatus) !== categoryOf(u.proposedStatus)
          ? statusTag(doc, u.suggestedStatus)
          : null,
      evidence: u.evidence.map((e) => ({
        title: e.title,
        // Outside links, or a file kept with this plan (served as a download).
        url: safeUrl(planId, e.url),
        file: e.kind === 'file',
      })),
    })),
    history: history.map((h) => ({
      when: formatDateTime(h.at),
      who: h.actor,
      what:
        h.op === 'update'
          ? `Changed ${joinWords(
              changedFields(h.before, h.after)
                .filter((f) => !IGNORED.has(f))
                .map((f) => FIELD_NAMES[f] ?? f),
            )}`
          : h.op === 'create'
            ? 'Added to the plan'
            : 'Removed from the plan',
    })),
  };
}

const joinWords = (words: string[]) =>
  words.length <= 1
    ? (words[0] ?? 'nothing')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
