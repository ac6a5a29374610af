import { formatDate } from '../lib/format.js';
import { isOverdue } from '../lib/fuzzy-date/fuzzy-date.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.types.js';
import { updatesOfAction } from './updates-of-action.js';

// Status rules that suggest; people decide. From the facts of one action on one day, the
// status of the plan's own scheme that the facts point to, with the reason in words. The
// suggestion never changes a status: it is shown beside the lead's proposal when they disagree.

/** A status of the plan's scheme, as the rules need it. */
export interface SchemeStatus {
  code: string;
  label: string;
  meaning: string;
  category: 'not-started' | 'on-track' | 'at-risk' | 'off-track' | 'complete';
}

/** What is known about one action on one day. */
export interface StatusFacts {
  statuses: readonly SchemeStatus[];
  due: FuzzyDate | null;
  /** The day judged (ISO): today, or the "as at" day. */
  today: string;
  /** The action's status now. */
  status: string | null;
  /** The status its lead proposes (waiting for confirmation, or the one that took effect). */
  proposal: string | null;
  /** Its updates given up to that day, with their evidence. */
  updates: ReadonlyArray<{ date: string; evidence: ReadonlyArray<{ kind: string }> }>;
}

export interface Suggestion {
  code: string;
  label: string;
  /** Why, as it follows "but" in a sentence: "due 31 March 2018 and no completion evidence". */
  reason: string;
}

/** Evidence of completion is a link or a file given with an update (a note is not). */
const hasEvidence = (facts: StatusFacts) =>
  facts.updates.some(
    (u) => u.date <= facts.today && u.evidence.some((e) => e.kind === 'link' || e.kind === 'file'),
  );

/**
 * The scheme's status for "complete": of its complete statuses, one that means completed and
 * nothing else (Bristol's Blue rather than its Green, "completed or on target"); a scheme with
 * no complete category offers the status whose meaning says complete (Green, "on track or
 * complete").
 */
export function doneStatus(statuses: readonly SchemeStatus[]): SchemeStatus | null {
  const complete = statuses.filter((s) => s.category === 'complete');
  const pure = complete.find((s) => !/\bon (target|track)\b|\bor\b/i.test(s.meaning));
  return pure ?? complete[0] ?? statuses.find((s) => /\bcomplet/i.test(s.meaning)) ?? null;
}

/** Whether a status of the scheme claims the action is complete. */
export function isCompleteStatus(statuses: readonly SchemeStatus[], code: string | null): boolean {
  const status = statuses.find((s) => s.code === code);
  if (!status) return false;
  return status.category === 'complete' || doneStatus(statuses)?.code === status.code;
}

const first = (statuses: readonly SchemeStatus[], category: SchemeStatus['category']) =>
  statuses.find((s) => s.category === category) ?? null;

/** The status the facts point to, with why; null when they point to none. */
export function suggestStatus(facts: StatusFacts): Suggestion | null {
  const claimed = facts.proposal ?? facts.status;
  const claimsComplete = isCompleteStatus(facts.statuses, claimed);
  const evidence = hasEvidence(facts);
  if (claimsComplete && evidence) {
    const done = doneStatus(facts.statuses);
    if (done) return { ...pick(done), reason: 'complete, with evidence' };
  }
  const overdue = facts.due !== null && isOverdue(facts.due, facts.today);
  if (overdue && facts.due?.end) {
    const red = first(facts.statuses, 'off-track');
    const missing = claimsComplete ? 'no completion evidence' : 'not complete';
    if (red) return { ...pick(red), reason: `due ${formatDate(facts.due.end)} and ${missing}` };
  }
  const started = facts.updates.some((u) => u.date <= facts.today);
  if (!started && !overdue && !claimsComplete) {
    const grey = first(facts.statuses, 'not-started');
    const until = facts.due?.end ? ` and not due until ${formatDate(facts.due.end)}` : '';
    if (grey) return { ...pick(grey), reason: `no update yet${until}` };
  }
  return null;
}

const pick = (s: SchemeStatus) => ({ code: s.code, label: s.label });

/**
 * "Proposed Green, but due 31 March 2018 and no completion evidence" when the proposal and the
 * suggestion disagree (statuses of one category agree: Green and Blue are both complete),
 * else null.
 */
export function disagreement(facts: StatusFacts, suggestion: Suggestion | null): string | null {
  if (!suggestion || !facts.proposal) return null;
  const proposed = facts.statuses.find((s) => s.code === facts.proposal);
  const suggested = facts.statuses.find((s) => s.code === suggestion.code);
  if (!proposed || !suggested) return null;
  if (proposed.code === suggested.code || proposed.category === suggested.category) return null;
  return `Proposed ${proposed.label}, but ${suggestion.reason}`;
}

/** The parts of a plan document the rules read. */
export interface SuggestionDoc {
  ragScheme: { statuses: readonly SchemeStatus[] };
  actions: ReadonlyArray<{
    id: string;
    due: FuzzyDate | string | null;
    status: string | null;
    proposedStatus?: string | null;
  }>;
  updates: ReadonlyArray<{
    actionId: string;
    date: string;
    proposedStatus: string | null;
    evidence: ReadonlyArray<{ kind: string }>;
  }>;
}

/**
 * One action's facts from a plan document (current, or rebuilt as at a day). The lead's
 * proposal is the one waiting for confirmation, else the latest update's when it took effect
 * (a status a manager chose instead is no longer the lead's proposal).
 */
export function actionStatusFacts(
  doc: SuggestionDoc,
  action: SuggestionDoc['actions'][number],
  today: string,
): StatusFacts {
  const updates = updatesOfAction(doc.updates, action.id).filter((u) => u.date <= today);
  const latest = updates
    .filter((u) => u.proposedStatus)
    .reduce<(typeof updates)[number] | null>((l, u) => (!l || u.date >= l.date ? u : l), null);
  const took = latest?.proposedStatus === action.status ? (latest?.proposedStatus ?? null) : null;
  return {
    statuses: doc.ragScheme.statuses,
    due: typeof action.due === 'object' ? action.due : null,
    today,
    status: action.status,
    proposal: action.proposedStatus ?? took,
    updates,
  };
}

/** Each action's suggestion and, where the lead's proposal disagrees, the words for it. */
export function planSuggestions(
  doc: SuggestionDoc,
  today: string,
): Map<string, { suggestion: Suggestion | null; disagreement: string | null }> {
  return new Map(
    doc.actions.map((a) => {
      const facts = actionStatusFacts(doc, a, today);
      const suggestion = suggestStatus(facts);
      return [a.id, { suggestion, disagreement: disagreement(facts, suggestion) }];
    }),
  );
}
