import { z } from 'zod';
import type { StatusReading } from './import.types.js';

// "Check the statuses" in an import: each status word or colour the document uses, the RAG
// status of the plan's scheme it was read as, and a choice of another. One schema, built for
// the words the page shows; its messages are the words the page shows.

/** A status of the plan's RAG scheme, as offered. */
export interface SchemeStatus {
  code: string;
  label: string;
}

const NONE = 'none';
const field = (i: number) => `status-${i}`;

/** The form's schema for these readings: a status of the scheme (or none) for each word. */
export function statusesForm(readings: StatusReading[], scheme: readonly SchemeStatus[]) {
  const values: [string, ...string[]] = [NONE, ...scheme.map((s) => s.code)];
  const shape: Record<string, z.ZodType<string>> = {};
  readings.forEach((r, i) => {
    shape[field(i)] = z.enum(values, {
      message: `Select what “${r.words}” means, or no status`,
    });
  });
  return z.object(shape);
}

/** The meanings a person chose: the words whose reading they changed, or chose before. */
export function chosenStatuses(
  readings: StatusReading[],
  values: Record<string, string>,
): Array<{ key: string; code: string | null }> {
  return readings.flatMap((r, i) => {
    const value = values[field(i)];
    if (value === undefined) return [];
    const code = value === NONE ? null : value;
    return code === r.code && !r.chosen ? [] : [{ key: r.key, code }];
  });
}

/** The form's values as the page first shows them: the current reading of each word. */
export function statusesValues(readings: StatusReading[]): Record<string, string> {
  return Object.fromEntries(readings.map((r, i) => [field(i), r.code ?? NONE]));
}

const labelOf = (scheme: readonly SchemeStatus[], code: string | null) =>
  code === null ? 'No status' : (scheme.find((s) => s.code === code)?.label ?? code);

const rowsText = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** The review's summary: each word and the status it was read as. */
export function statusSummary(readings: StatusReading[], scheme: readonly SchemeStatus[]) {
  return readings.map((r) => ({
    key: { text: `“${r.words}”` },
    value: {
      text: `${labelOf(scheme, r.code)}${r.chosen ? ' (as you chose)' : ''}, in ${rowsText(r.rows)}`,
    },
  }));
}

/** The page's plain values: a GOV.UK select for each word. */
export function statusesPage(
  readings: StatusReading[],
  scheme: readonly SchemeStatus[],
  values: Record<string, string>,
  fieldErrors: Record<string, { text: string }>,
) {
  return readings.map((r, i) => {
    const name = field(i);
    return {
      id: name,
      name,
      label: { text: `“${r.words}”`, classes: 'govuk-label--s' },
      hint: {
        text: `${r.chosen ? 'Read as you chose' : 'Read by the importer'} as ${labelOf(scheme, r.code)}, in ${rowsText(r.rows)}.`,
      },
      errorMessage: fieldErrors[name],
      items: [
        ...scheme.map((s) => ({ value: s.code, text: s.label, selected: values[name] === s.code })),
        {
          value: NONE,
          text: 'No status (keep the words as the update)',
          selected: values[name] === NONE,
        },
      ],
    };
  });
}
