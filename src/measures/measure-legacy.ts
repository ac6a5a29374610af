import { ACTUAL } from './measure.schema.js';

// Documents and history written before measure values had a table of their own hold them
// inside each measure (actuals, comparators). These turn them into measure values, named as
// the migration that moved the stored ones named them.

interface LegacyValue {
  value: number | null;
  date: string | null;
  text: string | null;
}
export interface LegacyMeasure {
  id: string;
  actuals?: LegacyValue[] | undefined;
  comparators?: Array<LegacyValue & { name: string }> | undefined;
}

/** A measure value as the document and the table hold it. */
export interface ValueRecord {
  id: string;
  measureId: string;
  series: string;
  period: string | null;
  periodLabel: string | null;
  value: number | null;
  missing: null;
  provisional: boolean;
  note: string | null;
  source: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
}

function record(measureId: string, n: number, series: string, v: LegacyValue): ValueRecord {
  return {
    id: `${measureId.slice(0, 56)}-v${n}`,
    measureId,
    series,
    period: v.date,
    periodLabel: null,
    value: v.value,
    missing: null,
    provisional: false,
    note: v.text,
    source: null,
    enteredBy: null,
    enteredAt: null,
  };
}

/** The measure without its inline values, and those values as measure values. */
export function splitLegacyValues<M extends LegacyMeasure>(
  measure: M,
): { measure: Omit<M, 'actuals' | 'comparators'>; values: ValueRecord[] } {
  const { actuals = [], comparators = [], ...rest } = measure;
  const values = [
    ...actuals.map((a, i) => record(measure.id, i + 1, ACTUAL, a)),
    ...comparators.map((c, i) => record(measure.id, 1001 + i, c.name, c)),
  ];
  return { measure: rest, values };
}
