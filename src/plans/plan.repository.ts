import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { InspectionTable, PlanTable } from '../db/schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PlanRow = Selectable<PlanTable>;
export type InspectionRow = Selectable<InspectionTable>;

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
  /** The day the plan opens at (shown in its own time), or null for today. */
  openAsAt: string | null;
}

/** All SQL for plans and the things around them: organisation and inspection. */
export class PlanRepository {
  async listPlans(trx: Db): Promise<PlanListRow[]> {
    return trx
      .selectFrom('plan')
      .innerJoin('organisation', 'organisation.id', 'plan.organisationId')
      .select([
        'plan.id',
        'plan.organisationId',
        'plan.title',
        'plan.versionLabel',
        'plan.status',
        'plan.updatedAt',
        'plan.openAsAt',
        'organisation.name as organisationName',
        sql<number>`(select count(*)::int from recommendation r where r.plan_id = plan.id)`.as(
          'recommendations',
        ),
        sql<number>`(select count(*)::int from action a where a.plan_id = plan.id)`.as('actions'),
      ])
      .orderBy('organisation.name')
      .orderBy('plan.createdAt')
      .execute();
  }

  /**
   * A plan's council and opening day, with the council's revision in the same read (one
   * look-up by key each); the revision is null once this transaction has written anything.
   */
  async scopeOf(
    trx: Db,
    id: string,
  ): Promise<
    | { id: string; organisationId: string; openAsAt: string | null; revision: string | null }
    | undefined
  > {
    if (!UUID.test(id)) return undefined;
    const { rows } = await sql<{
      id: string;
      organisationId: string;
      openAsAt: string | null;
      revision: string | null;
    }>`
      select p.id, p.organisation_id, p.open_as_at,
        case when txid_current_if_assigned() is null
          then coalesce(r.revision, 0)::text end as revision
      from plan p
      left join organisation_revision r on r.organisation_id = p.organisation_id
      where p.id = ${id}
    `.execute(trx);
    return rows[0];
  }

  /** A plan by id; `lock` holds its row until the transaction ends (for a change). */
  async findPlan(
    trx: Db,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<PlanRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const query = trx.selectFrom('plan').selectAll().where('id', '=', id);
    return (options.lock ? query.forUpdate() : query).executeTakeFirst();
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
}
