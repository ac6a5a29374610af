import bankHolidayData from '../data/bank-holidays-england-and-wales.json' with { type: 'json' };

// England and Wales bank holidays, from src/data (see README "Updating bank holidays").
const BANK_HOLIDAYS: ReadonlySet<string> = new Set(bankHolidayData.events.map((e) => e.date));
const YEARS = bankHolidayData.events.map((e) => Number(e.date.slice(0, 4)));
/** First and last calendar years the bank-holiday data covers. */
export const BANK_HOLIDAY_COVERAGE = { from: Math.min(...YEARS), to: Math.max(...YEARS) };

/** The statutory periods, in working days, from the day the report is received. */
export const STATEMENT_OF_ACTION_WORKING_DAYS = 70;
export const PRIORITY_ACTION_DRAFT_WORKING_DAYS = 20;

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for Monday to Friday that is not an England and Wales bank holiday. */
export function isWorkingDay(iso: string, holidays: ReadonlySet<string> = BANK_HOLIDAYS): boolean {
  const day = toDate(iso).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(iso);
}

/**
 * The date `count` working days after `from`: day 1 is the first working day after
 * `from`. Throws a RangeError when the answer runs past the bank-holiday data.
 */
export function addWorkingDays(
  from: string,
  count: number,
  holidays: ReadonlySet<string> = BANK_HOLIDAYS,
): string {
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new RangeError('The number of working days must be a whole number from 1 to 1000');
  }
  const date = toDate(from);
  let counted = 0;
  while (counted < count) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(toIso(date), holidays)) counted++;
  }
  const result = toIso(date);
  const year = Number(result.slice(0, 4));
  if (
    holidays === BANK_HOLIDAYS &&
    (Number(from.slice(0, 4)) < BANK_HOLIDAY_COVERAGE.from || year > BANK_HOLIDAY_COVERAGE.to)
  ) {
    throw new RangeError(
      `Bank holidays are known only for ${BANK_HOLIDAY_COVERAGE.from}-${BANK_HOLIDAY_COVERAGE.to}; update src/data/bank-holidays-england-and-wales.json to count working days in ${year}`,
    );
  }
  return result;
}

/** The statement-of-action deadline: 70 working days after the report was received (20 for a priority-action draft). */
export function statutoryDeadline(
  receivedOn: string,
  kind: 'statement-of-action' | 'priority-action-draft' = 'statement-of-action',
): string {
  return addWorkingDays(
    receivedOn,
    kind === 'statement-of-action'
      ? STATEMENT_OF_ACTION_WORKING_DAYS
      : PRIORITY_ACTION_DRAFT_WORKING_DAYS,
  );
}

/**
 * How many working days from `from` to `to`: those after `from` up to and including `to`
 * (0 on the same day), negative when `to` is earlier. Counts at most 2,000 days either way.
 */
export function workingDaysBetween(
  from: string,
  to: string,
  holidays: ReadonlySet<string> = BANK_HOLIDAYS,
): number {
  const [start, end, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  const date = toDate(start);
  let counted = 0;
  for (let i = 0; i < 2000 && toIso(date) < end; i++) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(toIso(date), holidays)) counted++;
  }
  return sign * counted;
}
