import { z } from 'zod';
import { fuzzyDateSchema } from '../lib/fuzzy-date/fuzzy-date.schema.js';
import {
  entityId,
  storableText,
  isoDate,
  LONG,
  optionalText,
  requiredText,
  SHORT,
} from '../lib/schema-parts.js';

/** A lead: a named person, a role ("Head of Professional Standards"), a team or a board. */
export const leadSchema = z.strictObject({
  name: requiredText(SHORT),
  kind: z.enum(['person', 'role', 'team', 'board']),
});

/** A due date as written; a plain string is read as the words and normalised on save. */
export const dueInputSchema = z
  .union([storableText.max(SHORT), fuzzyDateSchema])
  .nullable()
  .describe(
    'A due date: the words as written with what they were understood as (as exported and as the importer writes it), or only the words, read on import',
  );

export const sectionSchema = z.strictObject({
  id: entityId,
  ref: optionalText(50),
  title: requiredText(SHORT),
  category: z.enum(['priority', 'improvement']).nullable(),
});

export const themeSchema = z.strictObject({
  id: entityId,
  kind: z.enum(['theme', 'workstream']),
  ref: optionalText(50),
  title: requiredText(SHORT),
  sponsor: optionalText(SHORT),
  lead: optionalText(SHORT),
  commitments: z.array(requiredText(LONG)).max(200),
  successCriteria: z.array(requiredText(LONG)).max(200),
});

export const recommendationSchema = z.strictObject({
  id: entityId,
  ref: optionalText(50),
  text: requiredText(LONG),
  category: z.enum(['priority', 'improvement']).nullable(),
  judgementArea: optionalText(SHORT),
  sectionId: entityId.nullable(),
  themeId: entityId.nullable(),
  leads: z.array(leadSchema).max(50),
  due: dueInputSchema,
});

export const actionSchema = z.strictObject({
  id: entityId,
  recommendationId: entityId.nullable(),
  themeId: entityId.nullable(),
  ref: optionalText(50),
  text: requiredText(LONG),
  outcomes: optionalText(LONG),
  leads: z.array(leadSchema).max(50),
  due: dueInputSchema,
  status: optionalText(50),
  /** A status an update proposed, awaiting a manager's confirmation (plans that ask for one). */
  proposedStatus: optionalText(50).default(null),
  evidence: optionalText(LONG),
});

export const evidenceSchema = z.strictObject({
  kind: z.enum(['link', 'file', 'note']),
  title: requiredText(SHORT),
  url: storableText.max(2000).nullable(),
});

export const progressUpdateSchema = z.strictObject({
  id: entityId,
  actionId: entityId,
  date: isoDate,
  author: requiredText(SHORT),
  text: requiredText(LONG),
  proposedStatus: optionalText(50),
  /** The status the rules suggested when the update was given (kept beside the proposal). */
  suggestedStatus: optionalText(50).optional(),
  evidence: z.array(evidenceSchema).max(50),
});
