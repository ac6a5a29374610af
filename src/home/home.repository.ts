import type { Db } from '../db/database.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { Lead } from '../db/schema.js';

export interface WorkAction {
  planId: string;
  id: string;
  ref: string | null;
  recommendationId: string | null;
  themeId: string | null;
  text: string;
  leads: Lead[];
  due: FuzzyDate | null;
  dueEnd: string | null;
  status: string | null;
  lastUpdate: string | null;
}

/** All SQL for the home page: the actions of several plans at once, with their latest update. */
export class HomeRepository {
  async actions(trx: Db, planIds: string[]): Promise<WorkAction[]> {
    if (planIds.length === 0) return [];
    return trx
      .selectFrom('action')
      .select((eb) => [
        'action.planId',
        'action.id',
        'action.ref',
        'action.recommendationId',
        'action.themeId',
        'action.text',
        'action.leads',
        'action.due',
        'action.dueEnd',
        'action.status',
        eb
          .selectFrom('progressUpdate')
          .whereRef('progressUpdate.planId', '=', 'action.planId')
          .whereRef('progressUpdate.actionId', '=', 'action.id')
          .select((u) => u.fn.max('progressUpdate.date').as('d'))
          .$castTo<string | null>()
          .as('lastUpdate'),
      ])
      .where('action.planId', 'in', planIds)
      .orderBy('action.planId')
      .orderBy('action.position')
      .execute();
  }

  /** The recommendations and themes of several plans, in order: what names their actions. */
  async structureOf(trx: Db, planIds: string[]) {
    if (planIds.length === 0) return { recommendations: [], themes: [] };
    const recommendations = await trx
      .selectFrom('recommendation')
      .select(['planId', 'id', 'ref'])
      .where('planId', 'in', planIds)
      .orderBy('planId')
      .orderBy('position')
      .execute();
    const themes = await trx
      .selectFrom('theme')
      .select(['planId', 'id', 'kind', 'title'])
      .where('planId', 'in', planIds)
      .orderBy('planId')
      .orderBy('position')
      .execute();
    return { recommendations, themes };
  }

  schemesOf(trx: Db, planIds: string[]) {
    if (planIds.length === 0) return Promise.resolve([]);
    return trx
      .selectFrom('plan')
      .innerJoin('ragScheme', 'ragScheme.id', 'plan.ragSchemeId')
      .select(['plan.id as planId', 'ragScheme.statuses'])
      .where('plan.id', 'in', planIds)
      .execute();
  }
}
