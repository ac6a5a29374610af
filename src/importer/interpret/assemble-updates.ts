import type { Concern, SourceLocation } from '../import.types.js';
import { type DraftBuilder, required } from './draft-builder.js';
import { type UpdateEntry, updateEntries } from './update-entries.js';

/** One action's update cell and the status its RAG column gave, as addAction read them. */
export interface UpdateCell {
  actionId: string;
  concerns: Concern;
  where: SourceLocation;
  /** The status read from the RAG column, or null. */
  ragStatus: string | null;
  /** The update cell's words ('' when none). */
  update: string;
  /** Words put before each entry ("Update on recommendation 2 as a whole: "). */
  label: string;
  author: string;
  statusCodes: Set<string>;
  /** ISO date the plan's updates were written, for entries that name no date. */
  updateDate: string | null;
}

/**
 * Adds an action's progress updates to the draft and returns the action's status: the RAG
 * column's, else that of the latest dated update stating one. The latest update proposes
 * the RAG column's status, so the two agree; an update that cannot be dated is returned as
 * evidence text (and warned about), since an update needs a date.
 */
export function addUpdates(
  draft: DraftBuilder,
  cell: UpdateCell,
): { status: string | null; evidence: string[] } {
  const entries = updateEntries(cell.update, cell.statusCodes);
  for (const e of entries) warnAbout(draft, cell, e);
  const dated = entries
    .map((e, order) => ({ ...e, date: e.date ?? cell.updateDate, order }))
    .filter((e): e is UpdateEntry & { date: string; order: number } => e.date !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
  const latest = dated.at(-1);
  if (latest && cell.ragStatus) {
    if (latest.status && latest.status !== cell.ragStatus)
      draft.warn(
        'status-conflict',
        `The RAG column says ${cell.ragStatus} but the latest progress update says ${latest.status}: ${cell.ragStatus} is used. Please check the status.`,
        cell.where,
        latest.text,
        cell.concerns,
      );
    latest.status = cell.ragStatus;
  }
  for (const e of dated)
    draft.updates.push({
      id: draft.id('update'),
      actionId: cell.actionId,
      date: e.date,
      author: required(cell.author, 'Action lead', 200),
      text: required(`${cell.label}${e.text}`, 'Update'),
      proposedStatus: e.status,
      evidence: [],
    });
  const undated = entries.filter((e) => e.date === null && cell.updateDate === null);
  for (const e of undated)
    draft.warn(
      'update-undated',
      'A progress update has no date; it was kept with the evidence.',
      cell.where,
      `${cell.label}${e.text}`,
      cell.concerns,
    );
  const stated = [...dated].reverse().find((e) => e.status) ?? undated.find((e) => e.status);
  return {
    status: cell.ragStatus ?? stated?.status ?? null,
    evidence: undated.map((e) => `Update: ${cell.label}${e.text}`),
  };
}

function warnAbout(draft: DraftBuilder, cell: UpdateCell, e: UpdateEntry): void {
  if (e.unknown)
    draft.warn(
      'status-unknown',
      `"${e.unknown}" is not a status of the plan's RAG scheme.`,
      cell.where,
      e.text,
      cell.concerns,
    );
  if (e.several && e.status)
    draft.warn(
      'status-conflict',
      `A progress update reads "${e.text.slice(0, 80)}", which names more than one status: ${e.status} is used. Please check the status.`,
      cell.where,
      e.text,
      cell.concerns,
    );
}
