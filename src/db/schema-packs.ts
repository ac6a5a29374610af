import type { Generated } from 'kysely';

// The tables of published packs' files and plans' budgets (src/db/schema.ts lists them).

export interface BoardPackFileTable {
  packId: string;
  format: string;
  contentType: string;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface PlanBudgetTable {
  planId: string;
  financialYear: string;
  amountPence: number;
}

export interface PlanVersionTable {
  id: Generated<string>;
  planId: string;
  name: string;
  approvedBy: string;
  approvedOn: string;
  recordedAt: string;
  recordedBy: string;
}
