import type { Doc } from '../../plans/content/content-form.js';
import { formatNumber } from '../measure-format.js';
import { DIRECTION_WORDS } from '../measure-page.view-model.js';
import { INDICATORS } from './indicator-library.js';

// The library page: each indicator with its definition, unit, direction, frequency and
// usual source, grouped as boards read them, and whether the plan already has it.

const FREQUENCY_WORDS = { monthly: 'Monthly', quarterly: 'Quarterly', annually: 'Annually' };

export function libraryPage(doc: Doc, planId: string) {
  const groups = [...new Set(INDICATORS.map((i) => i.group))];
  return {
    planTitle: doc.plan.title,
    measuresHref: `/plans/${planId}/measures`,
    groups: groups.map((group) => ({
      name: group,
      indicators: INDICATORS.filter((i) => i.group === group).map((i) => {
        const held = doc.measures.find((m) => m.name === i.name);
        const better =
          i.direction === 'range'
            ? `Kept within a range (suggested ${formatNumber(i.rangeLow ?? 0, i.unit)} to ${formatNumber(i.rangeHigh ?? 0, i.unit)})`
            : DIRECTION_WORDS[i.direction];
        return {
          id: `indicator-${i.key}`,
          name: i.name,
          rows: [
            { key: { text: 'Definition' }, value: { text: i.definition } },
            { key: { text: 'Unit' }, value: { text: i.unit === '%' ? 'Percentage' : i.unit } },
            { key: { text: 'Better when' }, value: { text: better } },
            { key: { text: 'Usually reported' }, value: { text: FREQUENCY_WORDS[i.frequency] } },
            { key: { text: 'Definition usually from' }, value: { text: i.source } },
          ],
          addAction: held ? null : `/plans/${planId}/indicators/${i.key}`,
          heldHref: held ? `/plans/${planId}/measures/${encodeURIComponent(held.id)}` : null,
        };
      }),
    })),
  };
}
