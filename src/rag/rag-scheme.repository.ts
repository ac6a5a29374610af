import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { RagSchemeTable } from '../db/schema.js';

export type RagSchemeRow = Selectable<RagSchemeTable>;

/** All SQL for RAG schemes: the built-in ones, a council's own, and the statuses in use. */
export class RagSchemeRepository {
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
}
