// Who the pages bench signs in as, and what its app process (page-server.mjs) reports when ready.

/** A plan manager, and a lead of one recommendation's actions. */
export const BENCH_PEOPLE = {
  manager: { email: 'bench@bench.example', password: 'fifty connections at once' },
  lead: { email: 'lead@bench.example', password: 'ten actions of my own' },
} as const;
export const LEAD_NAME = 'Head of Bench Service';

export interface Ready {
  base: string;
  planId: string;
  roundId: string;
  database: string;
}
