import { leadNames } from '../lib/format.js';
import { actionNamer, completeCodes, type Doc, dueWords, packStatus } from './pack-actions.js';
import type { PlanChanges } from './pack.types.js';

/**
 * What changed between two states of a plan: updates given, statuses changed and completed,
 * due dates moved, actions reworded, leads changed, actions added and removed. `before` null
 * means the plan did not exist yet, so everything in `after` is new.
 */
export function diffPlans(before: Doc | null, after: Doc): PlanChanges {
  const nameAfter = actionNamer(after);
  const nameBefore = before ? actionNamer(before) : nameAfter;
  const old = new Map((before?.actions ?? []).map((a) => [a.id, a]));
  const now = new Map(after.actions.map((a) => [a.id, a]));
  const oldUpdates = new Set((before?.updates ?? []).map((u) => u.id));
  const labels = new Map(after.actions.map((a) => [a.id, nameAfter(a).label]));
  const done = completeCodes(after);
  const changes: PlanChanges = {
    newUpdates: after.updates
      .filter((u) => !oldUpdates.has(u.id))
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((u) => ({
        action: labels.get(u.actionId) ?? 'Action',
        date: u.date,
        author: u.author,
        text: u.text,
      })),
    statusChanges: [],
    completed: [],
    datesMoved: [],
    reworded: [],
    leadsChanged: [],
    added: after.actions.filter((a) => !old.has(a.id)).map(nameAfter),
    removed: (before?.actions ?? []).filter((a) => !now.has(a.id)).map(nameBefore),
  };
  for (const a of after.actions) {
    const was = old.get(a.id);
    if (!was) continue;
    const named = nameAfter(a);
    if ((was.status ?? null) !== (a.status ?? null)) {
      changes.statusChanges.push({
        action: named.label,
        text: a.text,
        from: packStatus(before ?? after, was.status),
        to: named.status,
      });
      if (done.has(a.status ?? '') && !done.has(was.status ?? '')) changes.completed.push(named);
    }
    if (JSON.stringify(was.due) !== JSON.stringify(a.due)) {
      changes.datesMoved.push({
        action: named.label,
        text: a.text,
        from: dueWords(was.due),
        to: dueWords(a.due),
      });
    }
    if (was.text !== a.text)
      changes.reworded.push({ action: named.label, from: was.text, to: a.text });
    const [from, to] = [leadNames(was.leads), leadNames(a.leads)];
    if (from !== to) changes.leadsChanged.push({ action: named.label, text: a.text, from, to });
  }
  return changes;
}

/** How many changes there are in all. */
export function countChanges(changes: PlanChanges): number {
  const lists = Object.values(changes as unknown as Record<string, unknown[]>);
  return lists.reduce((n, list) => n + list.length, 0);
}

/** Recommendations added, removed and reworded between two states of a plan. */
export interface RecommendationChanges {
  added: Array<{ label: string; text: string }>;
  removed: Array<{ label: string; text: string }>;
  reworded: Array<{ label: string; from: string; to: string }>;
}

export function diffRecommendations(before: Doc, after: Doc): RecommendationChanges {
  const label = (r: Doc['recommendations'][number]) =>
    r.ref ? `Recommendation ${r.ref}` : 'Recommendation';
  const old = new Map(before.recommendations.map((r) => [r.id, r]));
  const now = new Set(after.recommendations.map((r) => r.id));
  return {
    added: after.recommendations
      .filter((r) => !old.has(r.id))
      .map((r) => ({ label: label(r), text: r.text })),
    removed: before.recommendations
      .filter((r) => !now.has(r.id))
      .map((r) => ({ label: label(r), text: r.text })),
    reworded: after.recommendations.flatMap((r) => {
      const was = old.get(r.id);
      return was && was.text !== r.text ? [{ label: label(r), from: was.text, to: r.text }] : [];
    }),
  };
}
