// PGlite and node-postgres disagree on how they hand back some types (PGlite gives
// numbers where pg gives strings, both give Date objects for dates). One set of
// parsers for both keeps rows identical on either database.

export const OID = {
  int8: 20,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
} as const;

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([+-]\d{2})(?::?(\d{2}))?)?$/;

/** Turns PostgreSQL's text form of a timestamp into an ISO 8601 UTC string. */
export function parseTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, day, time, zoneHours, zoneMinutes] = m;
  const zone = zoneHours ? `${zoneHours}:${zoneMinutes ?? '00'}` : 'Z';
  return new Date(`${day}T${time}${zone}`).toISOString();
}

export const typeParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: (text) => Number(text),
  [OID.numeric]: (text) => Number(text),
  [OID.date]: (text) => text,
  [OID.timestamp]: parseTimestamp,
  [OID.timestamptz]: parseTimestamp,
};
