// The words people read for dates, times, missing values and lists of leads: one way each,
// everywhere (pages, CSV, e-mail). GOV.UK style: "3 December 2026", "2:05pm".

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** What is shown where a date would be but there is none. */
export const NO_DATE = 'No date';
/** What is shown where a lead would be but there is none. */
export const NO_LEAD = 'No lead';
/** Between two leads: a semicolon, because role titles have commas ("Head of Service, CIC"). */
export const LEAD_SEPARATOR = '; ';

/** An ISO date or timestamp as "3 December 2026" (the day in UTC); '' when there is none. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? DATE.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '';
}

/** Like formatDate, but "No date" when there is none. */
export function dateOrNone(iso: string | null | undefined): string {
  return formatDate(iso) || NO_DATE;
}

/** An ISO timestamp as "3 December 2026 at 2:05pm" (UTC, as the server keeps it). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const hours = Number(iso.slice(11, 13));
  const minutes = iso.slice(14, 16);
  if (!Number.isInteger(hours) || !/^\d\d$/.test(minutes)) return formatDate(iso);
  const clock =
    hours === 0 && minutes === '00'
      ? 'midnight'
      : hours === 12 && minutes === '00'
        ? 'midday'
        : `${hours % 12 || 12}:${minutes}${hours < 12 ? 'am' : 'pm'}`;
  return `${formatDate(iso)} at ${clock}`;
}

/** Leads' names joined the one way ("No lead" for none). */
export function leadNames(leads: ReadonlyArray<{ name: string } | string>): string {
  const names = leads.map((l) => (typeof l === 'string' ? l : l.name)).filter((n) => n.trim());
  return names.length ? names.join(LEAD_SEPARATOR) : NO_LEAD;
}
