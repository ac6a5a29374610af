import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.types.js';
import { formatDate } from '../lib/format.js';
import type { DueMove, Slippage } from './slippage.js';
import type { EarlierVersionAction } from './version-slippage.repository.js';

// Slippage across versions of a plan: importing a council's plan again beside one of the same
// title makes a new plan (its next version), so an action's due date in the earlier versions
// is not in the new plan's history. The same action (the same reference, or without one the
// same text) in each earlier version, as that version now stands, starts its story: a later
// due date in the new version is a slip, with the import as its reason.

/** Who moved a due date that moved between versions. */
export const VERSION_IMPORT = 'A new version of the plan was imported';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const sameAction = (
  a: { ref: string | null; text: string },
  b: { ref: string | null; text: string },
) =>
  a.ref?.trim() && b.ref?.trim()
    ? squash(a.ref) === squash(b.ref)
    : squash(a.text) === squash(b.text);
const sameDue = (a: FuzzyDate | null, b: FuzzyDate | null) =>
  (a?.text.trim() ?? '') === (b?.text.trim() ?? '') && (a?.end ?? null) === (b?.end ?? null);
const dueWords = (due: FuzzyDate | null) =>
  due?.end ? formatDate(due.end) : due?.text.trim() ? `‘${due.text.trim()}’` : 'no due date';
const labelOf = (label: string | null) =>
  label?.trim() ? `‘${label.trim()}’` : 'the first version';
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The action's slippage with the earlier versions' due dates before its own history: the
 * original is the earliest version's, and each change between versions is a move (a slip
 * when later). Unchanged when no earlier version has the action.
 */
export function acrossVersions(
  own: Slippage | undefined,
  action: { ref: string | null; text: string; due: FuzzyDate | null },
  current: { versionLabel: string | null; importedAt: string },
  earlier: readonly EarlierVersionAction[],
): Slippage | undefined {
  const seen = new Set<string>();
  const versions = earlier.filter(
    (e) => sameAction(e, action) && !seen.has(e.planId) && (seen.add(e.planId), true),
  );
  const first = versions[0];
  if (!first) return own;
  const base: Slippage = own ?? { original: action.due, moves: [], slips: 0, daysLater: 0 };
  const chain = [
    ...versions.map((v) => ({ label: v.versionLabel, at: v.importedAt, due: v.due })),
    { label: current.versionLabel, at: current.importedAt, due: base.original },
  ];
  const moves: DueMove[] = [];
  let slips = 0;
  for (let i = 1; i < chain.length; i += 1) {
    const from = chain[i - 1];
    const to = chain[i];
    if (!from || !to || sameDue(from.due, to.due)) continue;
    moves.push({
      from: from.due,
      to: to.due,
      actor: VERSION_IMPORT,
      at: to.at,
      reason: `Imported as ${labelOf(to.label)}; in ${labelOf(from.label)} it was due ${dueWords(from.due)}`,
    });
    if (from.due?.end && to.due?.end && to.due.end > from.due.end) slips += 1;
  }
  if (!moves.length) return own;
  const latest = base.moves.at(-1)?.to ?? base.original;
  return {
    original: first.due,
    moves: [...moves, ...base.moves],
    slips: slips + base.slips,
    daysLater: first.due?.end && latest?.end ? daysBetween(first.due.end, latest.end) : 0,
  };
}
