import type { z } from 'zod';
import {
  actionSchema,
  progressUpdateSchema,
  recommendationSchema,
  sectionSchema,
  themeSchema,
} from '../../actions/action.schema.js';
import { costSchema } from '../../costs/cost.schema.js';
import { measureSchema, measureValueSchema } from '../../measures/measure.schema.js';
import { riskSchema } from '../../risks/risk.schema.js';

/** A field that points at another thing in the same plan. */
export interface Reference {
  field: string;
  kind: 'section' | 'theme' | 'recommendation' | 'action' | 'measure';
  many: boolean;
}

/** The properties of the plan document that list a plan's content. */
export type DocumentKey =
  | 'sections'
  | 'themes'
  | 'recommendations'
  | 'actions'
  | 'updates'
  | 'measures'
  | 'measureValues'
  | 'risks'
  | 'costs';

interface EntityDefinition {
  table:
    | 'section'
    | 'theme'
    | 'recommendation'
    | 'action'
    | 'progressUpdate'
    | 'measure'
    | 'measureValue'
    | 'risk'
    | 'cost';
  /** The property of the plan document that lists these. */
  documentKey: DocumentKey;
  noun: string;
  idPrefix: string;
  schema: z.ZodType<Record<string, unknown>>;
  references: Reference[];
  /** Fields holding a status code of the plan's RAG scheme. */
  statusFields: string[];
  /** Fields holding a fuzzy due date (stored normalised; `due` also fills due_end). */
  hasDue: boolean;
}

/**
 * Everything a plan holds besides its own fields, in the order they are created on
 * import (a thing only refers to kinds listed before it).
 */
export const PLAN_ENTITIES = {
  section: {
    table: 'section',
    documentKey: 'sections',
    noun: 'section',
    idPrefix: 's',
    schema: sectionSchema,
    references: [],
    statusFields: [],
    hasDue: false,
  },
  theme: {
    table: 'theme',
    documentKey: 'themes',
    noun: 'theme or workstream',
    idPrefix: 't',
    schema: themeSchema,
    references: [],
    statusFields: [],
    hasDue: false,
  },
  recommendation: {
    table: 'recommendation',
    documentKey: 'recommendations',
    noun: 'recommendation',
    idPrefix: 'r',
    schema: recommendationSchema,
    references: [
      { field: 'sectionId', kind: 'section', many: false },
      { field: 'themeId', kind: 'theme', many: false },
    ],
    statusFields: [],
    hasDue: true,
  },
  action: {
    table: 'action',
    documentKey: 'actions',
    noun: 'action',
    idPrefix: 'a',
    schema: actionSchema,
    references: [
      { field: 'recommendationId', kind: 'recommendation', many: false },
      { field: 'themeId', kind: 'theme', many: false },
    ],
    statusFields: ['status', 'proposedStatus'],
    hasDue: true,
  },
  update: {
    table: 'progressUpdate',
    documentKey: 'updates',
    noun: 'progress update',
    idPrefix: 'u',
    schema: progressUpdateSchema,
    references: [{ field: 'actionId', kind: 'action', many: false }],
    statusFields: ['proposedStatus', 'suggestedStatus'],
    hasDue: false,
  },
  measure: {
    table: 'measure',
    documentKey: 'measures',
    noun: 'measure',
    idPrefix: 'm',
    schema: measureSchema,
    references: [
      { field: 'actionIds', kind: 'action', many: true },
      { field: 'recommendationIds', kind: 'recommendation', many: true },
    ],
    statusFields: [],
    hasDue: false,
  },
  measureValue: {
    table: 'measureValue',
    documentKey: 'measureValues',
    noun: 'measure value',
    idPrefix: 'v',
    schema: measureValueSchema,
    references: [{ field: 'measureId', kind: 'measure', many: false }],
    statusFields: [],
    hasDue: false,
  },
  risk: {
    table: 'risk',
    documentKey: 'risks',
    noun: 'risk',
    idPrefix: 'k',
    schema: riskSchema,
    references: [{ field: 'controlActionIds', kind: 'action', many: true }],
    statusFields: [],
    hasDue: false,
  },
  cost: {
    table: 'cost',
    documentKey: 'costs',
    noun: 'cost',
    idPrefix: 'c',
    schema: costSchema,
    references: [
      { field: 'actionId', kind: 'action', many: false },
      { field: 'themeId', kind: 'theme', many: false },
    ],
    statusFields: [],
    hasDue: false,
  },
} as const satisfies Record<string, EntityDefinition>;

export type EntityKind = keyof typeof PLAN_ENTITIES;
export const ENTITY_KINDS = Object.keys(PLAN_ENTITIES) as EntityKind[];

/** A row of any plan-owned table, as stored (camelCase columns). */
export type EntityRow = { planId: string; id: string; position: number } & Record<string, unknown>;

export function isEntityKind(value: string): value is EntityKind {
  return Object.hasOwn(PLAN_ENTITIES, value);
}
