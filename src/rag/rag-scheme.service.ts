import type { Db } from '../db/database.js';
import type { PlanRepository } from '../plans/plan.repository.js';
import { BUILT_IN_SCHEMES } from './built-in-schemes.js';

/** Makes sure the shipped RAG schemes exist with their current wording (idempotent). */
export async function ensureBuiltInSchemes(trx: Db, plans: PlanRepository): Promise<void> {
  for (const scheme of BUILT_IN_SCHEMES) {
    await plans.upsertScheme(trx, { organisationId: null, ...scheme });
  }
}
