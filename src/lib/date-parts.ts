// A date as the GOV.UK date input takes it: day, month and year typed separately.

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** "2026-04-01" as its three parts, unpadded, as a person would type them. */
export function dateParts(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The three parts as an ISO date; null when all are blank, undefined when it is not a real date. */
export function isoFromParts(parts: DateParts): string | null | undefined {
  const { day, month, year } = {
    day: parts.day.trim(),
    month: parts.month.trim(),
    year: parts.year.trim(),
  };
  if (!day && !month && !year) return null;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * The parameters of GOV.UK's date input (govukDateInput) for the parts typed so far: its
 * fields are named `<id>-day`, `<id>-month` and `<id>-year`; the first gets the error's anchor.
 */
export function dateInputParams(
  id: string,
  legend: string,
  parts: DateParts,
  options: { error?: { text: string }; hint?: string; legendClasses?: string } = {},
) {
  const { error } = options;
  return {
    id,
    namePrefix: id,
    fieldset: {
      legend: { text: legend, classes: options.legendClasses ?? 'govuk-fieldset__legend--s' },
    },
    hint: { text: options.hint ?? 'For example, 1 4 2026' },
    errorMessage: error,
    items: (['day', 'month', 'year'] as const).map((part) => ({
      name: part,
      label: part.charAt(0).toUpperCase() + part.slice(1),
      value: parts[part],
      classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`,
    })),
  };
}
