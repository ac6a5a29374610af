import type { ColumnType, JSONColumnType } from 'kysely';

/** A jsonb column: read as the value, written as the value or its JSON text. */
export type Json<T extends object | null> = JSONColumnType<T, T | string, T | string>;
/** A timestamp column with a default: ISO text, optional on insert. */
export type Timestamp = ColumnType<string, string | undefined, string>;
