import { actionLabels } from '../actions/action-label.js';
import { leadNames } from '../lib/format.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import type { PackAction, PackStatus } from './pack.types.js';

// How a pack names an action and its status: by label and words, from the plan document of
// the moment the pack shows (a status's words are the scheme's at that moment).

export type Doc = PlanDocumentParsed;
export type DocAction = Doc['actions'][number];

/** A status code in the document's scheme; 'No status' for none or one it does not know. */
export function packStatus(doc: Doc, code: string | null): PackStatus {
  const status = doc.ragScheme.statuses.find((s) => s.code === code);
  return status
    ? { code: status.code, label: status.label, colour: status.colour }
    : { code: null, label: 'No status', colour: 'grey' };
}

/** The status codes whose category says the action is complete. */
export function completeCodes(doc: Doc): Set<string> {
  return new Set(
    doc.ragScheme.statuses.filter((s) => s.category === 'complete').map((s) => s.code),
  );
}

/** The words of a due date ('' for none). */
export function dueWords(due: DocAction['due']): string {
  if (due === null) return '';
  return typeof due === 'string' ? due : due.text.trim();
}

/** The window's last day of a due date, or null. */
export function dueEnd(due: DocAction['due']): string | null {
  return typeof due === 'object' && due !== null ? due.end : null;
}

/** Turns a document's actions into PackActions, with labels worked out once. */
export function actionNamer(doc: Doc): (a: DocAction) => PackAction {
  const labels = actionLabels(doc);
  const recs = new Map(doc.recommendations.map((r, i) => [r.id, r.ref ?? String(i + 1)]));
  return (a) => ({
    label: labels.get(a.id) ?? 'Action',
    text: a.text,
    recommendation: a.recommendationId ? (recs.get(a.recommendationId) ?? null) : null,
    leads: leadNames(a.leads),
    due: dueWords(a.due),
    status: packStatus(doc, a.status),
  });
}
