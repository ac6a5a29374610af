import type { EditConflict } from '../plans/content/edit-version.js';
import { type ConflictRow, originalValues, resolveConflict } from '../web/edit-conflict.js';
import { type DecisionFacts, decisionForm } from './status-decision.js';

/**
 * A refused decision: what the other person changed (against the form as this person opened
 * it), and the decision form again at the version saved now, holding this person's choice.
 */
export function decisionConflict(
  conflict: EditConflict,
  sentOriginal: unknown,
  chosen: string,
  label: (code: string) => string,
): { rows: ConflictRow[]; form: { version: string; original: string; status: string } } {
  const saved = conflict.current as unknown as DecisionFacts;
  const original = originalValues(sentOriginal);
  const resolved = resolveConflict(
    [
      ['Status', 'status', label],
      ['Proposed status', 'proposedStatus', label],
    ],
    original,
    { status: saved.status ?? '', proposedStatus: saved.proposedStatus ?? '' },
    { status: chosen, proposedStatus: original.proposedStatus ?? '' },
  );
  return { rows: resolved.rows, form: { ...decisionForm(saved), status: chosen } };
}
