import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { BoardTable, InspectionTable, PlanTable, RagSchemeTable } from '../db/schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PlanRow = Selectable<PlanTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type RagSchemeRow = Selectable<RagSchemeTable>;
export type BoardRow = Selectable<BoardTable>;

export interface PlanListRow {
  id: string;
  organisationId: string;
  title: string;
  versionLabel: string | null;
  status: PlanRow['status'];
  organisationName: string;
  recommendations: number;
  actions: number;
  updatedAt: string;
}

/** All SQL for plans and the things around them: organisation, inspection, RAG scheme, boards. */
export class PlanRepository {
  async listPlans(trx: Db): Promise<PlanListRow[]> {
    return trx
      .selectFrom('plan')
      .innerJoin('organisation', 'organisation.id', 'plan.organisationId')
      .select((eb) => [
        'plan.id',
        'plan.organisationId',
        'plan.title',
        'plan.versionLabel',
        'plan.status',
        'plan.updatedAt',
        'organisation.name as organisationName',
        eb
          .selectFrom('recommendation')
          .whereRef('recommendation.planId', '=', 'plan.id')
          .select(eb.fn.countAll<number>().as('n'))
          .$castTo<number>()
          .as('recommendations'),
        eb
          .selectFrom('action')
          .whereRef('action.planId', '=', 'plan.id')
          .select(eb.fn.countAll<number>().as('n'))
          .$castTo<number>()
          .as('actions'),
      ])
      .orderBy('organisation.name')
      .orderBy('plan.createdAt')
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          ...r,
          recommendations: Number(r.recommendations),
          actions: Number(r.actions),
        })),
      );
  }

  /** The council's name and the scheme's statuses as text, for telling whether they changed. */
  async namesOfPlan(trx: Db, planId: string): Promise<string> {
    const row = await trx
      .selectFrom('plan')
      .innerJoin('organisation', 'organisation.id', 'plan.organisationId')
      .innerJoin('ragScheme', 'ragScheme.id', 'plan.ragSchemeId')
      .select(['organisation.name', sql<string>`rag_scheme.statuses::text`.as('statuses')])
      .where('plan.id', '=', planId)
      .executeTakeFirst();
    return row ? `${row.name}|${row.statuses}` : '';
  }

  async findPlan(trx: Db, id: string): Promise<PlanRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return trx.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertPlan(trx: Db, values: Insertable<PlanTable>): Promise<PlanRow> {
    return trx.insertInto('plan').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async updatePlan(trx: Db, id: string, values: Updateable<PlanTable>): Promise<PlanRow> {
    return trx
      .updateTable('plan')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findOrganisationBySlug(trx: Db, slug: string) {
    return trx.selectFrom('organisation').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async findOrganisation(trx: Db, id: string) {
    return trx
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async insertOrganisation(trx: Db, slug: string, name: string) {
    return trx
      .insertInto('organisation')
      .values({ slug, name })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findInspection(trx: Db, id: string): Promise<InspectionRow | undefined> {
    return trx.selectFrom('inspection').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertInspection(trx: Db, values: Insertable<InspectionTable>): Promise<InspectionRow> {
    return trx
      .insertInto('inspection')
      .values({ ...values, judgements: JSON.stringify(values.judgements ?? []) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async updateInspection(
    trx: Db,
    id: string,
    values: Updateable<InspectionTable>,
  ): Promise<InspectionRow> {
    const judgements =
      values.judgements === undefined ? {} : { judgements: JSON.stringify(values.judgements) };
    return trx
      .updateTable('inspection')
      .set({ ...values, ...judgements })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findScheme(trx: Db, id: string): Promise<RagSchemeRow> {
    return trx.selectFrom('ragScheme').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** The council's own scheme with this key, else a built-in one. */
  async findSchemeByKey(
    trx: Db,
    organisationId: string | null,
    key: string,
  ): Promise<RagSchemeRow | undefined> {
    return trx
      .selectFrom('ragScheme')
      .selectAll()
      .where('key', '=', key)
      .where((eb) =>
        organisationId === null
          ? eb('organisationId', 'is', null)
          : eb.or([eb('organisationId', '=', organisationId), eb('organisationId', 'is', null)]),
      )
      .orderBy('organisationId', (ob) => ob.asc().nullsLast())
      .executeTakeFirst();
  }

  async upsertScheme(trx: Db, values: Insertable<RagSchemeTable>): Promise<RagSchemeRow> {
    const statuses = JSON.stringify(values.statuses);
    return trx
      .insertInto('ragScheme')
      .values({ ...values, statuses })
      .onConflict((oc) =>
        oc.columns(['organisationId', 'key']).doUpdateSet({ name: values.name, statuses }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The RAG schemes a council may use: the built-in ones and its own. */
  async listSchemes(trx: Db, organisationId: string): Promise<RagSchemeRow[]> {
    return trx
      .selectFrom('ragScheme')
      .selectAll()
      .where((eb) =>
        eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]),
      )
      .orderBy('organisationId', (ob) => ob.asc().nullsFirst())
      .orderBy('name')
      .execute();
  }

  /** How many actions and progress updates of a plan use each status code. */
  async statusesInUse(trx: Db, planId: string): Promise<Map<string, number>> {
    const actions = await trx
      .selectFrom('action')
      .select((eb) => ['status as code', eb.fn.countAll().as('n')])
      .where('planId', '=', planId)
      .where('status', 'is not', null)
      .groupBy('status')
      .execute();
    const updates = await trx
      .selectFrom('progressUpdate')
      .select((eb) => ['proposedStatus as code', eb.fn.countAll().as('n')])
      .where('planId', '=', planId)
      .where('proposedStatus', 'is not', null)
      .groupBy('proposedStatus')
      .execute();
    const used = new Map<string, number>();
    for (const row of [...actions, ...updates]) {
      if (row.code !== null) used.set(row.code, (used.get(row.code) ?? 0) + Number(row.n));
    }
    return used;
  }

  async boardsOfPlan(trx: Db, planId: string): Promise<BoardRow[]> {
    return trx
      .selectFrom('planBoard')
      .innerJoin('board', 'board.id', 'planBoard.boardId')
      .selectAll('board')
      .where('planBoard.planId', '=', planId)
      .orderBy('planBoard.position')
      .execute();
  }

  async upsertBoard(
    trx: Db,
    organisationId: string,
    board: { name: string; cadence: string | null; chair: string | null },
  ): Promise<BoardRow> {
    return trx
      .insertInto('board')
      .values({ organisationId, ...board })
      .onConflict((oc) =>
        oc
          .columns(['organisationId', 'name'])
          .doUpdateSet({ cadence: board.cadence, chair: board.chair }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async linkBoard(trx: Db, planId: string, boardId: string, position: number): Promise<void> {
    await trx.insertInto('planBoard').values({ planId, boardId, position }).execute();
  }

  async unlinkBoards(trx: Db, planId: string): Promise<void> {
    await trx.deleteFrom('planBoard').where('planId', '=', planId).execute();
  }
}
