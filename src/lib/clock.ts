/** Where the application gets "now"; tests pass a clock they can move to simulate months. */
export interface Clock {
  /** The current instant as an ISO 8601 UTC string. */
  now(): string;
  /** Today's date (UTC) as YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => new Date().toISOString().slice(0, 10),
};

/** A clock fixed at `start` that a test moves by hand. */
export function fixedClock(start: string): Clock & { set(instant: string): void } {
  let current = new Date(start).toISOString();
  return {
    now: () => current,
    today: () => current.slice(0, 10),
    set(instant: string) {
      current = new Date(instant).toISOString();
    },
  };
}
