import { z } from 'zod';

// Small zod building blocks shared by every schema. Text is kept exactly as given
// (no trimming): imported words are data, and export must return them unchanged.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as YYYY-MM-DD that really exists (no 2015-02-30). */
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Any text PostgreSQL can store: no NUL characters, no broken Unicode. */
export const storableText = z
  .string()
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .refine((s) => !LONE_SURROGATE.test(s), 'is not valid Unicode text');

/** Required text: at least one non-space character, at most `max` characters. */
export function requiredText(max: number) {
  return storableText
    .max(max, `must be ${max} characters or fewer`)
    .refine((s) => s.trim().length > 0, 'must not be empty');
}

/** Optional text: a string of at most `max` characters, or null. */
export function optionalText(max: number) {
  return storableText.max(max, `must be ${max} characters or fewer`).nullable();
}

/** An identifier inside a plan document: short, URL-safe, unique per kind of thing. */
export const entityId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be 64 characters or fewer')
  .regex(/^[A-Za-z0-9._-]+$/, 'may use only letters, digits, dots, dashes and underscores');

export const SHORT = 200;
export const LONG = 20_000;
