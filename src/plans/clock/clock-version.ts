import { EditConflict, versionOf } from '../content/edit-version.js';
import { type Stage, STAGES } from './clock.repository.js';

// The statutory clock's form carries the version of the dates it showed, so dates another
// manager saved since are not replaced without this person seeing them.

/** The clock's dates as flat strings: ISO days ('' for none), priorityDraft 'yes' or 'no'. */
export type FlatClock = Record<'receivedOn' | 'priorityDraft' | Stage, string>;

/** The clock as the form's fields hold it. */
export function flatClock(facts: {
  receivedOn: string | null;
  priorityDraft: boolean;
  stages: Map<Stage, string> | Record<Stage, string | null>;
}): FlatClock {
  const stage = (s: Stage) =>
    (facts.stages instanceof Map ? facts.stages.get(s) : facts.stages[s]) ?? '';
  return {
    receivedOn: facts.receivedOn ?? '',
    priorityDraft: facts.priorityDraft ? 'yes' : 'no',
    ...(Object.fromEntries(STAGES.map((s) => [s, stage(s)])) as Record<Stage, string>),
  };
}

/** The version of the clock's dates as a form read them. */
export const clockVersion = (flat: FlatClock): string =>
  versionOf({ planId: '', id: '', position: 0, ...flat });

/** Refuses a save from a form that read other dates than those saved now. */
export function checkClockVersion(planId: string, saved: FlatClock, version?: string): void {
  if (version === undefined || version === clockVersion(saved)) return;
  throw new EditConflict({ planId, id: planId, position: 0, ...saved }, 'statutory clock');
}
