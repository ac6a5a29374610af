// The shapes of a due date as read: the words kept, the normalised window beside them.

export type DueKind =
  | 'date'
  | 'month'
  | 'quarter'
  | 'season'
  | 'financial-year'
  | 'year'
  | 'immediate'
  | 'ongoing'
  | 'recurring'
  | 'tbc'
  | 'unknown';

export type Frequency = 'weekly' | 'monthly' | 'quarterly' | 'six-monthly' | 'annually';

export interface Recurrence {
  frequency: Frequency;
  /** 1-12: [4] for "Annually (usually April)", [4, 5] for "April/May"; [] when none is named. */
  months: number[];
}

export interface FuzzyDate {
  /** The words exactly as written, untrimmed. */
  text: string;
  kind: DueKind;
  /** ISO first day of the window, or null. */
  start: string | null;
  /** ISO last day of the window: the item is overdue after this day. Null when open-ended. */
  end: string | null;
  /** "September 2017 onwards": starts at `start` and has no end. */
  onwards: boolean;
  /** ISO review point, as in "Ongoing (but progress to be checked in December 2017)". */
  reviewBy: string | null;
  recurrence: Recurrence | null;
  /** When the cell holds several dates, the end of each in order; else []. */
  milestones: string[];
  /** Plain-English warnings for the user. */
  warnings: string[];
}

/** The period a plan covers, as ISO dates. */
export interface PlanPeriod {
  start: string;
  end: string;
}
