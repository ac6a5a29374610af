import type { RagSchemeRow } from '../../rag/rag-scheme.repository.js';
import type { InspectionRow, PlanRow } from '../plan.repository.js';
import {
  type DocumentKey,
  ENTITY_KINDS,
  type EntityKind,
  type EntityRow,
  PLAN_ENTITIES,
} from '../content/plan-entities.js';
import {
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  type PlanDocumentParsed,
} from './plan-document.schema.js';

/** What a plan document is made from: current rows, or rows reconstructed from history. */
export interface PlanParts {
  organisation: { slug: string; name: string };
  plan: PlanRow;
  inspection: InspectionRow | null;
  scheme: RagSchemeRow;
  boards: Array<{ name: string; cadence: string | null; chair: string | null }>;
  content: Record<EntityKind, EntityRow[]>;
}

/** Builds the interchange document from a plan's parts. */
export function assemblePlanDocument(parts: PlanParts): PlanDocumentParsed {
  const { plan, inspection, scheme } = parts;
  const content = Object.fromEntries(
    ENTITY_KINDS.map((kind) => [
      PLAN_ENTITIES[kind].documentKey,
      [...parts.content[kind]]
        .sort((a, b) => a.position - b.position)
        .map(({ planId: _p, position: _pos, dueEnd: _d, ...item }) => withoutUnset(item)),
    ]),
  );
  return {
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    organisation: { slug: parts.organisation.slug, name: parts.organisation.name },
    plan: {
      title: plan.title,
      versionLabel: plan.versionLabel,
      status: plan.status,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      statementKind: plan.statementKind,
      deadlineOverride: plan.deadlineOverride,
      deadlineOverrideReason: plan.deadlineOverrideReason,
      // Kept in the history only from when plans had this setting: before, it was off.
      confirmStatuses: plan.confirmStatuses ?? false,
      // Written only when on, so that a document from before the setting reads back the same.
      ...(plan.evidenceBeforeComplete ? { evidenceBeforeComplete: true } : {}),
      openAsAt: plan.openAsAt ?? null,
      impactTolerance: plan.impactTolerance ?? null,
    },
    inspection: inspection && {
      framework: inspection.framework as NonNullable<PlanDocumentParsed['inspection']>['framework'],
      startedOn: inspection.startedOn,
      endedOn: inspection.endedOn,
      publishedOn: inspection.publishedOn,
      receivedOn: inspection.receivedOn,
      judgements: inspection.judgements,
    },
    ragScheme: { key: scheme.key, name: scheme.name, statuses: scheme.statuses },
    boards: parts.boards.map((b) => ({ name: b.name, cadence: b.cadence, chair: b.chair })),
    ...(content as Pick<PlanDocumentParsed, DocumentKey>),
  };
}

/** An update's suggested status is written only when there is one (older documents have none). */
function withoutUnset(item: Record<string, unknown>): Record<string, unknown> {
  if (!('suggestedStatus' in item) || item.suggestedStatus != null) return item;
  const { suggestedStatus: _s, ...rest } = item;
  return rest;
}
