import type { PlanDocumentInput } from '../../plans/document/plan-document.schema.js';
import { parseFuzzyDate, type PlanPeriod } from '../../lib/fuzzy-date/fuzzy-date.js';
import type { FuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.types.js';
import type { Concern, ImportWarning, SourceLocation, WarningCode } from '../import.types.js';
import { parseLeads } from './leads.js';
import { personalDataReason } from './personal-data.js';
import { truncate } from './text-join.js';

export type Section = PlanDocumentInput['sections'][number];
export type Theme = PlanDocumentInput['themes'][number];
export type Recommendation = PlanDocumentInput['recommendations'][number];
export type Action = PlanDocumentInput['actions'][number];
/** A measure as read, with the values stated beside it (the document lists them as measure values). */
export type Measure = PlanDocumentInput['measures'][number] &
  Required<Pick<PlanDocumentInput['measures'][number], 'actuals' | 'comparators'>>;
export type Risk = PlanDocumentInput['risks'][number];
export type Cost = PlanDocumentInput['costs'][number];
export type Update = PlanDocumentInput['updates'][number];

/** Collects the draft's parts and warnings while the document is read, handing out ids. */
export class DraftBuilder {
  sections: Section[] = [];
  themes: Theme[] = [];
  recommendations: Recommendation[] = [];
  actions: Action[] = [];
  measures: Measure[] = [];
  risks: Risk[] = [];
  costs: Cost[] = [];
  updates: Update[] = [];
  warnings: ImportWarning[] = [];
  period: PlanPeriod | undefined;
  private counters = new Map<string, number>();

  /** A unique id with a readable prefix ("rec-3", "act-17"). */
  id(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }

  /** Records a warning (about the item `concerns`, when it is about one) and returns it. */
  warn(
    code: WarningCode,
    message: string,
    where: SourceLocation,
    text?: string,
    concerns: Concern | null = null,
  ): ImportWarning {
    const w: ImportWarning = { code, message, where };
    if (text !== undefined) w.text = truncate(text);
    w.concerns = concerns;
    this.warnings.push(w);
    return w;
  }

  /** Checks text (of the item `concerns`) for personal data about a child. */
  scan(text: string, where: SourceLocation, concerns: Concern | null = null): void {
    const reason = personalDataReason(text);
    if (reason)
      this.warn(
        'personal-data',
        `This looks like personal data (${reason}): please remove it.`,
        where,
        text,
        concerns,
      );
  }

  /**
   * A due-date cell (of the item `concerns`): the words as written with what they were
   * understood as beside them (the window as ISO dates, or the recurrence), warning when
   * they cannot be read or need checking.
   */
  due(cell: string, where: SourceLocation, concerns: Concern | null = null): FuzzyDate | null {
    const text = cell.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (!text) return null;
    const parsed = parseFuzzyDate(text, this.period);
    for (const message of parsed.warnings) {
      const code = /outside the plan period/.test(message)
        ? 'date-outside-period'
        : parsed.kind === 'unknown'
          ? 'unparsed-date'
          : 'date-assumed';
      this.warn(code, message, where, text, concerns);
    }
    return parsed;
  }

  leads(cell: string): Action['leads'] {
    return parseLeads(cell);
  }
}

/** Text for a required field: never empty, within the limit. */
export function required(text: string, fallback: string, max = 20000): string {
  const t = text.trim();
  return (t || fallback).slice(0, max);
}

/** Text for an optional field: null when empty. */
export function optional(text: string, max = 20000): string | null {
  const t = text.trim();
  return t ? t.slice(0, max) : null;
}
