import type { Doc } from '../plans/content/content-form.js';
import { formatNumber } from './measure-format.js';
import { periodText, valuesOf, valueText } from './measure-facts.js';
import { measureName } from './measure-page.view-model.js';
import { ACTUAL } from './measure.schema.js';

// "This month's figures": one field per measure of the plan for one period.

/** The form field of a measure's figure. */
export const fieldOf = (measureId: string) => `v-${measureId}`;

/** The month before `today`'s, in words ("November 2026"): the figures usually entered. */
export function lastMonth(today: string): string {
  const [y = 2000, m = 1] = today.split('-').map(Number);
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return periodText(`${py}-${String(pm).padStart(2, '0')}-01`, null);
}

/** The shown value of each measure's field: what was typed, else what the period holds. */
export function figuresPage(
  doc: Doc,
  planId: string,
  period: { words: string; end: string | null },
  typed: Record<string, string> | null,
) {
  return {
    planTitle: doc.plan.title,
    measuresHref: `/plans/${planId}/measures`,
    action: `/plans/${planId}/figures`,
    period: period.words,
    provisional: typed?.provisional === 'yes',
    source: typed?.source ?? '',
    fields: doc.measures.map((m) => {
      const name = fieldOf(m.id);
      const actuals = valuesOf(doc, m.id, ACTUAL);
      const held = period.end ? actuals.find((v) => v.period === period.end) : undefined;
      const latest = actuals.filter((v) => v.value !== null).at(-1);
      const shown =
        held && (held.value !== null || held.missing)
          ? held.value !== null
            ? String(held.value)
            : (held.missing ?? '')
          : '';
      const hint = [
        latest
          ? `Latest: ${valueText(latest, m.unit)} for ${periodText(latest.period, latest.periodLabel)}`
          : 'No values yet',
        m.unit ? `in ${m.unit === '%' ? 'per cent' : m.unit}` : null,
        m.baseline?.value != null ? `baseline ${formatNumber(m.baseline.value, m.unit)}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      return {
        id: name,
        name,
        label: measureName(m),
        hint,
        suffix: m.unit === '%' ? '%' : null,
        value: typed ? (typed[name] ?? '') : shown,
      };
    }),
  };
}
