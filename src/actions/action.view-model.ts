import { changedFields } from '../history/history.service.js';
import type { ChangeRow } from '../history/history.repository.js';
import { describeFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import { formatDate, statusTag } from '../plans/plan.view-model.js';

type Doc = PlanDocumentParsed;
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || '—' } });
const when = (iso: string) => `${formatDate(iso)} ${iso.slice(11, 16)} UTC`;

/** Everything about one action for its page: fields, due date as written and as understood, updates, history. */
export function actionPage(doc: Doc, planId: string, actionId: string, history: ChangeRow[]) {
  const a = doc.actions.find((x) => x.id === actionId);
  if (!a) return null;
  const due = typeof a.due === 'object' ? a.due : null;
  const rec = doc.recommendations.find((r) => r.id === a.recommendationId);
  return {
    planHref: `/plans/${planId}`,
    editHref: `/plans/${planId}/actions/${encodeURIComponent(a.id)}/edit`,
    updateHref: `/plans/${planId}/actions/${encodeURIComponent(a.id)}/updates/new`,
    ref: a.ref ?? a.id,
    text: a.text,
    rows: [
      row('Recommendation', rec ? `${rec.ref ?? ''} ${rec.text}`.trim() : ''),
      row('Expected outcomes', a.outcomes ?? ''),
      row('Leads', a.leads.map((l) => `${l.name} (${l.kind})`).join(', ')),
      row('Due date as written', due?.text ?? ''),
      row('Due date as understood', due ? describeFuzzyDate(due) : ''),
      { key: { text: 'Status' }, value: { html: '' }, status: statusTag(doc, a.status) },
      row('Evidence', a.evidence ?? ''),
    ].map((r) => ('status' in r ? { key: r.key, value: { text: r.status.text } } : r)),
    updates: doc.updates
      .filter((u) => u.actionId === a.id)
      .sort((x, y) => x.date.localeCompare(y.date))
      .map((u) => ({
        date: formatDate(u.date),
        author: u.author,
        text: u.text,
        status: u.proposedStatus ? statusTag(doc, u.proposedStatus) : null,
        evidence: u.evidence.map((e) => ({
          title: e.title,
          // Outside links, or a file kept with this plan (served as a download).
          url:
            e.url && (/^https?:\/\//i.test(e.url) || e.url.startsWith(`/plans/${planId}/evidence/`))
              ? e.url
              : null,
          file: e.kind === 'file',
        })),
      })),
    history: history.map((h) => ({
      when: when(h.at),
      who: h.actor,
      what:
        h.op === 'update'
          ? `Changed ${changedFields(h.before, h.after).join(', ')}`
          : h.op === 'create'
            ? 'Created'
            : 'Removed',
    })),
  };
}
