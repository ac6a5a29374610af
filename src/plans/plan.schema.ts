import { z } from 'zod';
import { isoDate, optionalText, requiredText, SHORT } from '../lib/schema-parts.js';

export const PLAN_STATUSES = ['draft', 'approved', 'submitted', 'monitoring', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const FRAMEWORKS = [
  'SIF',
  'ILACS',
  'focused visit',
  'monitoring visit',
  'JTAI',
  'other',
] as const;
export const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;

export const organisationSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be 2-60 lower-case letters, digits or dashes'),
  name: requiredText(SHORT),
});

export const inspectionSchema = z
  .strictObject({
    framework: z.enum(FRAMEWORKS),
    startedOn: isoDate.nullable(),
    endedOn: isoDate.nullable(),
    publishedOn: isoDate.nullable(),
    receivedOn: isoDate.nullable(),
    judgements: z
      .array(z.strictObject({ area: requiredText(SHORT), grade: z.enum(GRADES) }))
      .max(20),
  })
  .refine((i) => !i.startedOn || !i.endedOn || i.startedOn <= i.endedOn, {
    path: ['endedOn'],
    message: 'must not be before startedOn',
  });

/** The plan's own fields (its content lives in the other parts of the document). */
export const planFieldsSchema = z
  .strictObject({
    title: requiredText(500),
    versionLabel: optionalText(SHORT),
    status: z.enum(PLAN_STATUSES),
    periodStart: isoDate.nullable(),
    periodEnd: isoDate.nullable(),
    statementKind: z.enum(['statement-of-action', 'priority-action-draft']),
    deadlineOverride: isoDate.nullable(),
    deadlineOverrideReason: optionalText(2000),
    /** Whether a status proposed in an update waits for a manager's confirmation. */
    confirmStatuses: z.boolean().default(false),
    /** Whether an update proposing the complete status must give evidence (a link or a file). */
    evidenceBeforeComplete: z.boolean().optional(),
    /** The day the plan opens at, shown in its own time (a demonstration plan); null: today. */
    openAsAt: isoDate.nullable().default(null),
    /**
     * How far (in percent of the value the trajectory expects) a measure may be behind and
     * still count as within tolerance; null: the default, 5%.
     */
    impactTolerance: z.number().min(0).max(100).nullable().default(null),
  })
  .refine((p) => !p.periodStart || !p.periodEnd || p.periodStart <= p.periodEnd, {
    path: ['periodEnd'],
    message: 'must not be before periodStart',
  })
  .refine((p) => p.deadlineOverride === null || (p.deadlineOverrideReason ?? '').trim() !== '', {
    path: ['deadlineOverrideReason'],
    message: 'is required when the deadline is overridden',
  });

export type PlanFields = z.infer<typeof planFieldsSchema>;
