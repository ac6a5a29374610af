import { type DraftBuilder, optional, required } from './draft-builder.js';
import type { MeasureRow } from './records.types.js';
import { listItems, squash } from './text-join.js';

// Improvement measures arrive as words ("Over 60% of cases are 'good'...", "Caseloads reduce to
// 30 per FTE"). Staged targets are the same words with different numbers and dates.

/** The words with numbers blanked: two targets of one measure share this key. */
export function measureKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\b(over|at least|a further|further|by)\b/g, '')
    .replace(/\W+/g, ' ')
    .trim();
}

/** The target value in the words when there is one clear figure (the last, after "to"). */
export function targetValue(text: string): number | null {
  const to = /\bto\s+(\d+(?:\.\d+)?)\s*%?/i.exec(text);
  if (to?.[1]) return Number(to[1]);
  const percents = [...text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)];
  if (percents.length === 1 && percents[0]?.[1]) return Number(percents[0][1]);
  const numbers = [...text.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])/g)];
  if (numbers.length === 1 && numbers[0]?.[1]) return Number(numbers[0][1]);
  return null;
}

/** Whether a lower value is better, from words like "reduce", "no more than", "lose touch". */
export function directionOf(text: string): 'higher' | 'lower' {
  // "less" alone is no direction ("reviewed on a six monthly basis or less" is about how
  // often); "less than", "below" and "under 10" are.
  return /\b(reduc\w*|no more than|lose touch|fewer|less than|below|under \d|decrease\w*|lower|absence|exclusions?)\b/i.test(
    text,
  ) && !/\bincrease/i.test(text)
    ? 'lower'
    : 'higher';
}

/** The unit: '%' when the words measure a percentage. */
export function unitOf(text: string): string | null {
  return /%/.test(text) ? '%' : null;
}

/** Groups an action's measure rows into measures: same words but other numbers = staged targets. */
export function addMeasures(rows: MeasureRow[], actionId: string, draft: DraftBuilder): void {
  const groups = new Map<string, MeasureRow[]>();
  for (const row of rows) {
    if (!row.text.trim()) continue;
    // Several measures written as parallel lines in one cell are separate rows.
    const texts = listItems(row.text);
    const leads = listItems(row.lead);
    const dues = listItems(row.due);
    const split = texts.length > 1 && texts.length === leads.length && texts.length === dues.length;
    const parts = split
      ? texts.map((t, i) => ({
          text: t,
          lead: leads[i] ?? '',
          due: dues[i] ?? '',
          where: row.where,
        }))
      : [row];
    for (const part of parts) {
      const key = measureKey(part.text);
      groups.set(key, [...(groups.get(key) ?? []), part]);
    }
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const name = squash(first.text).slice(0, 2000);
    const id = draft.id('measure');
    draft.measures.push({
      id,
      ref: null,
      name,
      unit: unitOf(name),
      direction: directionOf(name),
      rangeLow: null,
      rangeHigh: null,
      lead: optional(first.lead, 200),
      baseline: null,
      targets: group.map((row) => ({
        value: targetValue(row.text),
        text: required(squash(row.text), 'Target', 2000),
        due: draft.due(row.due, row.where, { kind: 'measure', id }),
        lead: optional(squash(row.lead), 200),
      })),
      actuals: [],
      comparators: [],
      actionIds: [actionId],
      recommendationIds: [],
    });
  }
}
