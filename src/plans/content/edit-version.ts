import { createHash } from 'node:crypto';
import { ConflictError } from '../../lib/errors.js';
import type { EntityRow } from './plan-entities.js';

/**
 * The version of a thing as a form read it: a digest of everything saved about it. An edit
 * form carries it; a save made from a form whose version is no longer the saved one is
 * refused (EditConflict), so one person's change never silently overwrites another's.
 */
export function versionOf(row: EntityRow): string {
  return createHash('sha256').update(stableJson(row)).digest('base64url').slice(0, 16);
}

/** The thing was changed by someone else after the form was opened. */
export class EditConflict extends ConflictError {
  constructor(
    /** The thing as it is saved now. */
    readonly current: EntityRow,
    noun: string,
  ) {
    super(`The ${noun} was changed by someone else after the form was opened`);
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
