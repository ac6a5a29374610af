import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import type { Measure } from './draft-builder.js';
import { squash } from './text-join.js';

// A value stated in a sentence: "Turnover was 11.98% at Jan 2014", "Persistent absence for
// looked after children stood at 12% in March 2015". It is recorded on a measure only when
// the sentence's subject is that measure in the same words, and on no other.

export interface Stated {
  subject: string;
  value: number;
  /** ISO last day of the date written after the value ("at Jan 2014"), if one was. */
  date: string | null;
  text: string;
}

const STATEMENT =
  /([A-Za-z][A-Za-z0-9 ,'’()/-]{1,120}?)\s+(?:was|were|is|are|stood at|has been|had been|remained at|reached)\s+(\d{1,7}(?:\.\d+)?)\s*(%|per cent)?(?:\s+(?:at|in|as at|on|by)\s+((?:\d{1,2}\s+)?[A-Za-z]{3,9}\.?\s+\d{4}))?/g;
const STOP = new Set(
  'the a an of for in on at to and or with who were was is are our all by from'.split(' '),
);

const wordsOf = (text: string) =>
  squash(text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' '))
    .split(' ')
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));

/** The values stated in a text, each with the words it is said of. */
export function statedValues(text: string): Stated[] {
  const out: Stated[] = [];
  for (const sentence of text.split(/(?<=[.;])\s+|\n+/)) {
    for (const m of sentence.matchAll(STATEMENT)) {
      const subject = squash(m[1] ?? '');
      const value = Number(m[2]);
      if (!subject || !Number.isFinite(value)) continue;
      const due = m[4] ? parseFuzzyDate(m[4]) : null;
      out.push({ subject, value, date: due?.end ?? null, text: squash(sentence).slice(0, 2000) });
    }
  }
  return out;
}

/** The one measure whose name holds every word of the subject, or null (none, or several). */
export function measureNamed(subject: string, measures: readonly Measure[]): Measure | null {
  const words = wordsOf(subject);
  if (words.length === 0) return null;
  const found = measures.filter((m) => {
    const name = new Set(wordsOf(m.name));
    return words.every((w) => name.has(w));
  });
  return found.length === 1 ? (found[0] ?? null) : null;
}

/**
 * Records values that sentences state about the plan's measures: before the plan period
 * (or with no period known and no baseline yet) as the baseline, otherwise as an actual.
 * Returns how many were recorded.
 */
export function recordStatedValues(
  texts: readonly string[],
  measures: readonly Measure[],
  periodStart: string | null,
): number {
  let recorded = 0;
  for (const text of texts) {
    for (const s of statedValues(text)) {
      const measure = measureNamed(s.subject, measures);
      if (!measure) continue;
      const entry = { value: s.value, date: s.date, text: s.text };
      const same = (v: { value: number | null; date: string | null } | null) =>
        v !== null && v.value === s.value && v.date === s.date;
      if (same(measure.baseline) || measure.actuals.some(same)) continue;
      const before = s.date !== null && periodStart !== null && s.date < periodStart;
      if (!measure.baseline && (before || periodStart === null)) measure.baseline = entry;
      else measure.actuals.push(entry);
      recorded++;
    }
  }
  return recorded;
}
