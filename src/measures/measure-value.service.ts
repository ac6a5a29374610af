import type { Db } from '../db/database.js';
import type { ChangeContext } from '../history/history.service.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../lib/errors.js';
import type { PlanContentService } from '../plans/content/plan-content.service.js';
import type { EntityRow } from '../plans/content/plan-entities.js';
import { ACTUAL, type MISSING_MARKS } from './measure.schema.js';
import { valueRuleIssues } from './measure-value.rules.js';
import { checkShownValue, valueKey } from './measure-value-version.js';

/** One value to record: for a measure, a period (its last day) and a series. */
export interface ValueEntry {
  measureId: string;
  series?: string;
  period: string;
  periodLabel?: string | null;
  value: number | null;
  missing?: (typeof MISSING_MARKS)[number] | null;
  provisional?: boolean;
  note?: string | null;
  source?: string | null;
  /** Who entered it, as people know them; else the change's actor. */
  enteredBy?: string;
}

/** What recording a value did: added it, or corrected the value already held for that period. */
export interface Recorded {
  row: EntityRow;
  corrected: boolean;
  /** The same value was already held: nothing changed. */
  unchanged: boolean;
}

/**
 * Measures' values: add one for a period, or correct the one held (the history keeps the
 * earlier value). Every value names who entered it and when.
 */
export class MeasureValueService {
  constructor(private readonly content: PlanContentService) {}

  /** The measure's rule checks for a value, as issues on `value` and `period`. */
  async check(trx: Db, planId: string, entry: ValueEntry): Promise<FieldIssue[]> {
    const measure = await this.measure(trx, planId, entry.measureId);
    const { plan } = await this.content.context(trx, planId);
    return valueRuleIssues(typeof measure.unit === 'string' ? measure.unit : null, plan, entry);
  }

  /** Adds the value for its period and series, or corrects the one already there. */
  async record(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    entry: ValueEntry,
    /** The values the form showed (shownValues): a period changed since refuses the save. */
    options: { shown?: Record<string, string> } = {},
  ): Promise<Recorded> {
    // The measure's row, locked, makes two saves of its values wait for each other.
    if (options.shown)
      await this.content
        .get(trx, planId, 'measure', entry.measureId, { lock: true })
        .catch(() => null);
    const issues = await this.check(trx, planId, entry);
    if (issues.length > 0) throw new ValidationError(issues, 'measure value');
    const series = entry.series?.trim() || ACTUAL;
    const fields = {
      measureId: entry.measureId,
      series,
      period: entry.period,
      periodLabel: entry.periodLabel ?? null,
      value: entry.value,
      missing: entry.value === null ? (entry.missing ?? null) : null,
      provisional: entry.provisional ?? false,
      note: entry.note ?? null,
      source: entry.source ?? null,
      enteredBy: entry.enteredBy ?? ctx.actor,
      enteredAt: ctx.at,
    };
    const held = (await this.content.list(trx, planId, 'measureValue')).find(
      (v) => v.measureId === entry.measureId && v.series === series && v.period === entry.period,
    );
    checkShownValue(options.shown, valueKey(series, entry.period), held);
    const same = (
      ['value', 'missing', 'provisional', 'note', 'source', 'periodLabel'] as const
    ).every((k) => held?.[k] === fields[k]);
    // The same value again (a form sent with what it showed) changes nothing.
    if (held && same) return { row: held, corrected: false, unchanged: true };
    if (held) {
      const row = await this.content.update(trx, ctx, planId, 'measureValue', held.id, fields);
      return { row, corrected: true, unchanged: false };
    }
    const row = await this.content.add(trx, ctx, planId, 'measureValue', fields);
    return { row, corrected: false, unchanged: false };
  }

  private async measure(trx: Db, planId: string, measureId: string): Promise<EntityRow> {
    try {
      return await this.content.get(trx, planId, 'measure', measureId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new ValidationError(
          [{ path: 'measure', message: 'There is no such measure in this plan' }],
          'measure value',
        );
      }
      throw error;
    }
  }
}
