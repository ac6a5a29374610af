import { boardSchema } from '../../boards/board.schema.js';
import { z } from 'zod';
import {
  actionSchema,
  progressUpdateSchema,
  recommendationSchema,
  sectionSchema,
  themeSchema,
} from '../../actions/action.schema.js';
import { costSchema } from '../../costs/cost.schema.js';
import { documentMeasureSchema, measureValueSchema } from '../../measures/measure.schema.js';
import { ragSchemeSchema } from '../../rag/rag-scheme.schema.js';
import { riskSchema } from '../../risks/risk.schema.js';
import { inspectionSchema, organisationSchema, planFieldsSchema } from '../plan.schema.js';
import { checkReferences } from './plan-document.references.js';

export const PLAN_FORMAT = 'g2g-plan';
export const PLAN_FORMAT_VERSION = 1;

const MAX_ITEMS = 5000;

/**
 * The plan interchange format: a whole plan's current state as one JSON document.
 * `g2g plan export` writes it, `g2g plan import` and the importer read it.
 * docs/plan-interchange.schema.json is generated from this schema.
 */
export const planDocumentSchema = z
  .strictObject({
    format: z.literal(PLAN_FORMAT),
    formatVersion: z.literal(PLAN_FORMAT_VERSION),
    organisation: organisationSchema,
    plan: planFieldsSchema,
    inspection: inspectionSchema.nullable(),
    ragScheme: ragSchemeSchema,
    boards: z.array(boardSchema).max(50),
    sections: z.array(sectionSchema).max(MAX_ITEMS),
    themes: z.array(themeSchema).max(MAX_ITEMS),
    recommendations: z.array(recommendationSchema).max(MAX_ITEMS),
    actions: z.array(actionSchema).max(MAX_ITEMS),
    updates: z.array(progressUpdateSchema).max(MAX_ITEMS * 10),
    measures: z.array(documentMeasureSchema).max(MAX_ITEMS),
    /** Every value of every measure: actuals and comparators, one per period and series. */
    measureValues: z
      .array(measureValueSchema)
      .max(MAX_ITEMS * 20)
      .default([]),
    risks: z.array(riskSchema).max(MAX_ITEMS),
    costs: z.array(costSchema).max(MAX_ITEMS),
  })
  .superRefine(checkReferences);

export type PlanDocumentInput = z.input<typeof planDocumentSchema>;
export type PlanDocumentParsed = z.output<typeof planDocumentSchema>;
