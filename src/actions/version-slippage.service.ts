import type { Db } from '../db/database.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.types.js';
import type { Slippage } from './slippage.js';
import { acrossVersions } from './version-slippage.js';
import type { VersionSlippageRepository } from './version-slippage.repository.js';

/** An action's slippage including the plan's earlier imported versions (version-slippage.ts). */
export class VersionSlippageService {
  constructor(private readonly repository: VersionSlippageRepository) {}

  async slippage(
    trx: Db,
    planId: string,
    own: Slippage | undefined,
    action: { ref: string | null; text: string; due: FuzzyDate | null },
  ): Promise<Slippage | undefined> {
    const current = await this.repository.planOf(trx, planId);
    if (!current) return own;
    const earlier = await this.repository.earlierActions(trx, planId);
    return acrossVersions(own, action, current, earlier);
  }
}
