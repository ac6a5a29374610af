import type { Generated } from 'kysely';

// Update rounds (src/rounds/): the round, the actions it covers, the updates counted in it.

export interface UpdateRoundTable {
  id: Generated<string>;
  planId: string;
  name: string;
  /** The month the round is for, YYYY-MM (its first deadline's month). */
  period: string;
  deadline: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface UpdateRoundActionTable {
  roundId: string;
  planId: string;
  actionId: string;
}

export interface RoundUpdateTable {
  planId: string;
  updateId: string;
  /** Null: given after a round closed, waiting for the next one. */
  roundId: string | null;
}
