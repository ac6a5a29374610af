import { EditConflict, versionOf } from '../plans/content/edit-version.js';
import { formatDate } from '../lib/format.js';
import { type ConflictRow, originalValues, resolveConflict } from '../web/edit-conflict.js';

// The "Extend the deadline" form carries the deadline it showed (its version and value), so
// a deadline another manager moved since is not replaced without this person seeing it.

/** What the deadline form read: the version of the round's deadline and the deadline itself. */
export interface DeadlineForm {
  version: string;
  original: string;
  /** When refused: what the other person changed. */
  conflict: ConflictRow[] | null;
}

const versionOfDeadline = (deadline: string) =>
  versionOf({ planId: '', id: '', position: 0, deadline });

/** The deadline form for a round read now. */
export function deadlineForm(round: { deadline: string }): DeadlineForm {
  return {
    version: versionOfDeadline(round.deadline),
    original: JSON.stringify({ deadline: round.deadline }),
    conflict: null,
  };
}

/** Refuses a new deadline from a form that read another deadline than the round's now. */
export function checkDeadlineVersion(
  round: { id: string; planId: string; deadline: string },
  version: string | undefined,
): void {
  if (version === undefined || version === versionOfDeadline(round.deadline)) return;
  throw new EditConflict(
    { planId: round.planId, id: round.id, position: 0, deadline: round.deadline },
    'round',
  );
}

/** A refused extension: what the other person changed, and the form at the deadline saved now. */
export function deadlineConflict(
  conflict: EditConflict,
  sentOriginal: unknown,
  yours: string,
): DeadlineForm {
  const saved = String(conflict.current.deadline);
  const words = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso) : iso);
  const { rows } = resolveConflict(
    [['Deadline', 'deadline', words]],
    originalValues(sentOriginal),
    { deadline: saved },
    { deadline: yours },
  );
  return { ...deadlineForm({ deadline: saved }), conflict: rows };
}
