import { EditConflict, versionOf } from '../plans/content/edit-version.js';

// A manager's decision on a proposed status is made from a form that showed the action's
// status and the proposal waiting. It carries the version of those two as it read them, so
// a decision sent after someone else decided (or after a new proposal) is refused, never
// laid silently over theirs.

/** What a status decision is made about: the action's status and the proposal waiting. */
export interface DecisionFacts {
  status: string | null;
  proposedStatus?: string | null;
}

/** The version of an action's status and waiting proposal, as a decision form read them. */
export function decisionVersion(action: DecisionFacts): string {
  return versionOf({
    planId: '',
    id: '',
    position: 0,
    status: action.status ?? null,
    proposedStatus: action.proposedStatus ?? null,
  });
}

/** What a decision form sends back: the version it read, and the two values it showed. */
export function decisionForm(action: DecisionFacts): { version: string; original: string } {
  return {
    version: decisionVersion(action),
    original: JSON.stringify({
      status: action.status ?? '',
      proposedStatus: action.proposedStatus ?? '',
    }),
  };
}

/**
 * Whether a decision may be made now: from a form that read `version`, it must still be the
 * action's; from a form that names none, a proposal must still be waiting.
 */
export function checkDecision(current: DecisionFacts & Record<string, unknown>, version?: string) {
  const stale =
    version !== undefined ? version !== decisionVersion(current) : !current.proposedStatus;
  if (stale) throw new EditConflict({ planId: '', id: '', position: 0, ...current }, 'status');
}
