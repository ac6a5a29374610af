import type { BoardRepository } from '../../boards/board.repository.js';
import type { RagSchemeRepository } from '../../rag/rag-scheme.repository.js';
import type { Db } from '../../db/database.js';
import type { ChangeContext, HistoryService } from '../../history/history.service.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { validate } from '../../lib/validate.js';
import type { PlanContentService } from '../content/plan-content.service.js';
import {
  ENTITY_KINDS,
  type EntityKind,
  type EntityRow,
  PLAN_ENTITIES,
} from '../content/plan-entities.js';
import type { InspectionRow, PlanRepository, PlanRow } from '../plan.repository.js';
import { type LegacyMeasure, splitLegacyValues } from '../../measures/measure-legacy.js';
import { assemblePlanDocument } from './plan-document.assemble.js';
import { type PlanDocumentParsed, planDocumentSchema } from './plan-document.schema.js';

const IMPORT_CHUNK = 200;
/** How many plans' content the export keeps in memory. */
const CACHED_PLANS = 20;

type ContentRows = Record<EntityKind, EntityRow[]>;

/** Reports how far a long piece of work has got. */
export type Progress = (done: number, total: number) => void;

/** Whole plans in and out of the interchange format, now or as they stood at a past moment. */
export class PlanDocumentService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly schemes: RagSchemeRepository,
    private readonly boards: BoardRepository,
    private readonly content: PlanContentService,
    private readonly history: HistoryService,
  ) {}

  /**
   * Plans' content as last read, with the council's revision it was read at (read before the
   * content; PlanScopeRow.revision): an unchanged revision means unchanged rows, whichever
   * process wrote last. The rows are shared between readers and must not be changed.
   */
  private readonly contentCache = new Map<string, { revision: string; rows: ContentRows }>();

  private async contentOf(
    trx: Db,
    planId: string,
    updatesOf?: readonly string[],
  ): Promise<ContentRows> {
    const revision = (await this.plans.scopeOf(trx, planId))?.revision ?? null;
    const cached = this.contentCache.get(planId);
    if (revision !== null && cached?.revision === revision) {
      this.contentCache.delete(planId);
      this.contentCache.set(planId, cached);
      if (!updatesOf) return cached.rows;
      const wanted = new Set(updatesOf);
      return {
        ...cached.rows,
        update: cached.rows.update.filter((u) => wanted.has(String(u.actionId))),
      };
    }
    // Some actions' updates only: read as asked, and not kept (it is not the whole plan).
    if (updatesOf) return this.content.listAll(trx, planId, updatesOf);
    const rows = await this.content.listAll(trx, planId);
    if (revision === null) return rows;
    this.contentCache.delete(planId);
    this.contentCache.set(planId, { revision, rows });
    if (this.contentCache.size > CACHED_PLANS) {
      const oldest = this.contentCache.keys().next().value;
      if (oldest !== undefined) this.contentCache.delete(oldest);
    }
    return rows;
  }

  /**
   * The plan as it is now. With `updatesOf`, only those actions' updates are in it: for a
   * page about those actions (10,800 updates of a plan's three years are most of its bytes).
   */
  async export(
    trx: Db,
    planId: string,
    options: { updatesOf?: readonly string[] } = {},
  ): Promise<PlanDocumentParsed> {
    const plan = await this.plans.findPlan(trx, planId);
    if (!plan) throw new NotFoundError(`There is no plan with the id ${planId}`);
    // The plan is found: its content needs no second look-up per kind (pages export per request).
    const contentRows = await this.contentOf(trx, planId, options.updatesOf);
    return assemblePlanDocument({
      organisation: await this.plans.findOrganisation(trx, plan.organisationId),
      plan,
      inspection: plan.inspectionId
        ? ((await this.plans.findInspection(trx, plan.inspectionId)) ?? null)
        : null,
      scheme: await this.schemes.findScheme(trx, plan.ragSchemeId),
      boards: await this.boards.boardsOfPlan(trx, planId),
      content: contentRows,
    });
  }

  /**
   * The plan as it stood at `at` (an ISO instant), rebuilt from its history alone.
   * The organisation's name and the RAG scheme's wording are today's.
   */
  async exportAsAt(trx: Db, planId: string, at: string): Promise<PlanDocumentParsed> {
    const current = await this.plans.findPlan(trx, planId);
    if (!current) throw new NotFoundError(`There is no plan with the id ${planId}`);
    return this.assembleStates(trx, planId, await this.history.statesAt(trx, planId, at));
  }

  /**
   * The plan as it stood at each of several moments, from one read of its history (a board
   * pack wants its day and the day it counts changes since); null where it did not exist yet.
   */
  async exportAsAtEach(
    trx: Db,
    planId: string,
    ats: string[],
  ): Promise<Array<PlanDocumentParsed | null>> {
    const current = await this.plans.findPlan(trx, planId);
    if (!current) throw new NotFoundError(`There is no plan with the id ${planId}`);
    const docs: Array<PlanDocumentParsed | null> = [];
    for (const states of await this.history.statesAtEach(trx, planId, ats)) {
      const added = states.some((s) => s.entity === 'plan' && s.after !== null);
      docs.push(added ? await this.assembleStates(trx, planId, states) : null);
    }
    return docs;
  }

  private async assembleStates(
    trx: Db,
    planId: string,
    states: Array<{ entity: string; after: Record<string, unknown> | null }>,
  ): Promise<PlanDocumentParsed> {
    const contentRows = Object.fromEntries(
      ENTITY_KINDS.map((k) => [k, [] as EntityRow[]]),
    ) as Record<EntityKind, EntityRow[]>;
    let plan: PlanRow | null = null;
    let inspection: InspectionRow | null = null;
    const boards: Array<{
      name: string;
      cadence: string | null;
      chair: string | null;
      position: number;
    }> = [];
    for (const { entity, after } of states) {
      if (after === null) continue;
      if (entity === 'plan') plan = after as unknown as PlanRow;
      else if (entity === 'inspection') inspection = after as unknown as InspectionRow;
      else if (entity === 'board') boards.push(after as unknown as (typeof boards)[number]);
      else if (entity in contentRows) contentRows[entity as EntityKind].push(after as EntityRow);
    }
    // A measure recorded before its values had a table of their own holds them inline.
    contentRows.measure = contentRows.measure.map((row) => {
      const { measure, values } = splitLegacyValues(row as EntityRow & LegacyMeasure);
      const first = contentRows.measureValue.length;
      contentRows.measureValue.push(
        ...values.map((v, i) => ({ ...v, planId, position: first + i })),
      );
      return { frequency: null, ...measure } as unknown as EntityRow;
    });
    if (!plan) throw new NotFoundError('This plan had not been added yet on that date');
    return assemblePlanDocument({
      organisation: await this.plans.findOrganisation(trx, plan.organisationId),
      plan,
      inspection: plan.inspectionId === inspection?.id ? inspection : null,
      scheme: await this.schemes.findScheme(trx, plan.ragSchemeId),
      boards: boards.sort((a, b) => a.position - b.position),
      content: contentRows,
    });
  }

  /** Creates a new plan from a document, in the caller's transaction; returns its id. */
  async import(trx: Db, ctx: ChangeContext, input: unknown, progress?: Progress): Promise<string> {
    const doc = withValuesListed(validate(planDocumentSchema, input, 'plan document'));
    const organisation =
      (await this.plans.findOrganisationBySlug(trx, doc.organisation.slug)) ??
      (await this.plans.insertOrganisation(trx, doc.organisation.slug, doc.organisation.name));
    const scheme = await this.resolveScheme(trx, organisation.id, doc.ragScheme);
    const inspection = doc.inspection
      ? await this.plans.insertInspection(trx, {
          organisationId: organisation.id,
          ...doc.inspection,
        })
      : null;
    const plan = await this.plans.insertPlan(trx, {
      ...doc.plan,
      organisationId: organisation.id,
      inspectionId: inspection?.id ?? null,
      ragSchemeId: scheme.id,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    });
    await this.history.record(trx, ctx, plan.id, 'plan', plan.id, null, plan);
    if (inspection)
      await this.history.record(trx, ctx, plan.id, 'inspection', inspection.id, null, inspection);
    for (const [position, b] of doc.boards.entries()) {
      const board = await this.boards.upsertBoard(trx, organisation.id, b);
      await this.boards.linkBoard(trx, plan.id, board.id, position);
      const state = { name: board.name, cadence: board.cadence, chair: board.chair, position };
      await this.history.record(trx, ctx, plan.id, 'board', board.id, null, state);
    }
    const planContext = { plan, statusCodes: new Set(doc.ragScheme.statuses.map((s) => s.code)) };
    const total = ENTITY_KINDS.reduce((n, k) => n + doc[PLAN_ENTITIES[k].documentKey].length, 0);
    let done = 0;
    // One statement per kind (in chunks), so a large plan imports quickly.
    for (const kind of ENTITY_KINDS) {
      const items: Array<Record<string, unknown>> = doc[PLAN_ENTITIES[kind].documentKey];
      for (let start = 0; start < items.length; start += IMPORT_CHUNK) {
        const chunk = items.slice(start, start + IMPORT_CHUNK);
        await this.content.insertMany(trx, ctx, planContext, kind, chunk, start);
        done += chunk.length;
        progress?.(done, total);
      }
    }
    return plan.id;
  }

  // A built-in scheme is shared; any other scheme becomes the council's own, and a
  // council's existing scheme of the same key must say the same thing.
  private async resolveScheme(
    trx: Db,
    organisationId: string,
    wanted: PlanDocumentParsed['ragScheme'],
  ) {
    const existing = await this.schemes.findSchemeByKey(trx, organisationId, wanted.key);
    const same =
      existing &&
      existing.name === wanted.name &&
      JSON.stringify(existing.statuses) === JSON.stringify(wanted.statuses);
    if (existing && same) return existing;
    if (existing && existing.organisationId !== null) {
      throw new ConflictError(
        `The council already has a RAG scheme "${wanted.key}" with different statuses; rename the scheme's key in the document or make them match`,
      );
    }
    return this.schemes.upsertScheme(trx, {
      organisationId,
      key: wanted.key,
      name: wanted.name,
      statuses: wanted.statuses,
    });
  }
}

/** The document with any values written inside its measures (earlier documents) listed as measure values. */
function withValuesListed(doc: PlanDocumentParsed): PlanDocumentParsed {
  const inline = doc.measures.map((m) => splitLegacyValues(m));
  return {
    ...doc,
    measures: inline.map((m) => m.measure),
    measureValues: [...doc.measureValues, ...inline.flatMap((m) => m.values)],
  };
}
