import type { DraftState } from './import-draft.repository.js';
import { leadKind } from './interpret/leads.js';

// A person's correction of one row of a draft under review: its text, leads and due date as
// written. The draft keeps the correction and remembers the row as corrected; nothing of the
// plan exists until the draft is confirmed.

/** The rows of a draft a person may correct on the review page. */
export type CorrectableKind = 'action' | 'recommendation';

type DraftDocument = DraftState['document'];
export type CorrectableRow =
  DraftDocument['actions'][number] | DraftDocument['recommendations'][number];

/** What a correction sets: the text, the leads' names in order, the due date as written. */
export interface Correction {
  text: string;
  leads: string[];
  /** Null for no due date. */
  due: string | null;
}

/** The draft's row of this kind with this id, if it has one (none for no kind). */
export function correctableRow(
  state: DraftState,
  kind: CorrectableKind | null,
  id: string,
): CorrectableRow | undefined {
  const doc = state.document;
  return (kind === 'action' ? doc.actions : kind ? doc.recommendations : []).find(
    (i) => i.id === id,
  );
}

/** The draft with one row corrected and marked as changed by the person ("action:act-3"). */
export function withCorrection(
  state: DraftState,
  kind: CorrectableKind,
  id: string,
  correction: Correction,
): DraftState {
  const corrected = {
    text: correction.text,
    leads: correction.leads.map((name) => ({ name, kind: leadKind(name) })),
    due: correction.due,
  };
  const doc = state.document;
  return {
    ...state,
    document:
      kind === 'action'
        ? { ...doc, actions: doc.actions.map((a) => (a.id === id ? { ...a, ...corrected } : a)) }
        : {
            ...doc,
            recommendations: doc.recommendations.map((r) =>
              r.id === id ? { ...r, ...corrected } : r,
            ),
          },
    changed: [...new Set([...state.changed, `${kind}:${id}`])],
  };
}
