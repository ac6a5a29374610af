// npm run bench -- scale: the plan pages under 50 connections with 1, 10 (and, with
// SCALE_FULL=1, 153) synthetic councils on PostgreSQL, each of 3 plans of 300 actions with
// 36 months of history (g2g dev generate). The server is a real `g2g serve` process of its
// own; autocannon runs here. Then EXPLAIN (ANALYZE) of the queries the pages make most.
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { type ScaleWorld, sampleRss, scaleWorld } from './scale-setup.js';

export const SCALE_CONNECTIONS = 50;
const FEW_CONNECTIONS = 5;
const WARM_UP_SECONDS = 2;
const MEASURE_SECONDS = 8;
export const SCALE_TARGETS_MS = { one: 50, all: 100 };
const SHAPE = { plans: 3, actions: 300, months: 36 };

export interface PageRun {
  label: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  rssMiB: number;
  /** Median of a few requests one at a time, before the load: the page's own time. */
  aloneMs: number;
  /** Median of a few first views, each just after a change to the council (nothing kept). */
  firstMs: number;
}

/** Waits until the server answers at once again: requests a row gave up on are done. */
async function untilIdle(baseUrl: string): Promise<void> {
  for (let quick = 0, tries = 0; quick < 3 && tries < 600; tries++) {
    const started = performance.now();
    await fetch(`${baseUrl}/health`).then((r) => r.arrayBuffer());
    quick = performance.now() - started < 25 ? quick + 1 : 0;
    if (quick < 3) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A change to the council of the plan, as a save from elsewhere would make. */
async function touch(client: pg.Client, planId: string): Promise<void> {
  await client.query(`update plan set updated_at = now() where id = $1`, [planId]);
}

/** autocannon against one page for `seconds`, every latency kept for exact percentiles. */
export async function hammer(url: string, cookie: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie }, timeout: 30 },
      (error: unknown, done) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed'))
          : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN;
  return {
    requests: result.requests.total,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    rps: result.requests.total / seconds,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function pages(world: ScaleWorld): Array<[label: string, path: string, who: 'manager' | 'lead']> {
  const plan = `/plans/${world.planId}`;
  return [
    ['plan overview', plan, 'manager'],
    ['action page', `${plan}/actions/a1`, 'manager'],
    ["a lead's round page", `${plan}/rounds/${world.roundId}/my-updates`, 'lead'],
    ['board pack page', `${plan}/pack?asAt=${world.asAt}&board=Improvement%20Board`, 'manager'],
  ];
}

async function measurePages(world: ScaleWorld): Promise<PageRun[]> {
  const runs: PageRun[] = [];
  const client = new pg.Client({ connectionString: world.databaseUrl });
  await client.connect();
  try {
    for (const [label, path, who] of pages(world)) {
      const browser = who === 'lead' ? world.lead : world.manager;
      const url = `${world.server.url}${path}`;
      await untilIdle(world.server.url);
      const check = await browser.get(url);
      if (check.status !== 200) throw new Error(`${label}: GET ${path} answered ${check.status}`);
      const timed = async (before?: () => Promise<void>) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          await before?.();
          const started = performance.now();
          await browser.get(url);
          times.push(performance.now() - started);
        }
        return times.sort((a, b) => a - b)[2] ?? NaN;
      };
      const firstMs = await timed(() => touch(client, world.planId));
      const aloneMs = await timed();
      await hammer(url, browser.cookieHeader(), SCALE_CONNECTIONS, WARM_UP_SECONDS);
      const rss = sampleRss(world.server.child.pid);
      const run = await hammer(url, browser.cookieHeader(), SCALE_CONNECTIONS, MEASURE_SECONDS);
      runs.push({ label, ...run, rssMiB: rss.stop(), aloneMs, firstMs });
      if (run.requests === 0) {
        await untilIdle(world.server.url);
        // None came back under 50 at once: what a few at once see, for a figure to compare.
        const few = sampleRss(world.server.child.pid);
        const slow = await hammer(url, browser.cookieHeader(), FEW_CONNECTIONS, MEASURE_SECONDS);
        runs.push({
          label: `${label} (${FEW_CONNECTIONS} at once)`,
          ...slow,
          rssMiB: few.stop(),
          aloneMs,
          firstMs,
        });
      }
    }
  } finally {
    await client.end();
  }
  return runs;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the queries behind every plan page, on the biggest world. */
async function explain(world: ScaleWorld): Promise<Array<[string, string]>> {
  const client = new pg.Client({ connectionString: world.databaseUrl });
  await client.connect();
  const id = world.planId;
  const queries: Array<[string, string]> = [
    [
      'the access check and council revision every plan page reads first (PlanRepository.scopeOf)',
      `select p.id, p.organisation_id, p.open_as_at, case when txid_current_if_assigned() is null then coalesce(r.revision, 0)::text end as revision from plan p left join organisation_revision r on r.organisation_id = p.organisation_id where p.id = '${id}'`,
    ],
    [
      'the plan as at a day, for the pack (HistoryRepository.statesAt)',
      `select distinct on (entity, entity_id) entity, entity_id, after from change_log where plan_id = '${id}' and at <= now() order by entity, entity_id, at desc, id desc`,
    ],
    [
      "the plan's updates (the overview and the action page read them all)",
      `select * from progress_update where plan_id = '${id}' order by position`,
    ],
    [
      "one action's updates",
      `select * from progress_update where plan_id = '${id}' and action_id = 'a1' order by position`,
    ],
  ];
  const out: Array<[string, string]> = [];
  try {
    for (const [label, query] of queries) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers, costs off) ${query}`,
      );
      out.push([label, rows.map((r) => r['QUERY PLAN']).join('\n')]);
    }
  } finally {
    await client.end();
  }
  return out;
}

/** The section's markdown. */
export async function benchScale(): Promise<string> {
  const sizes = process.env.SCALE_COUNCILS
    ? process.env.SCALE_COUNCILS.split(',').map(Number)
    : process.env.SCALE_FULL === '1'
      ? [1, 10, 153]
      : [1, 10];
  const rows: string[] = [];
  const built: string[] = [];
  let explained: Array<[string, string]> = [];
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(', ');
  for (const councils of sizes) {
    const world = await scaleWorld(`g2g_bench_scale_${councils}`, { councils, ...SHAPE }, (line) =>
      console.log(line),
    );
    try {
      const g = world.generated;
      built.push(
        `${councils} council${councils === 1 ? '' : 's'}: ${g.plans} plans, ${g.updates.toLocaleString('en-GB')} updates, ` +
          `${g.values.toLocaleString('en-GB')} measure values, generated in ${g.seconds.toFixed(0)} s`,
      );
      for (const r of await measurePages(world)) {
        const target = councils === 1 ? SCALE_TARGETS_MS.one : SCALE_TARGETS_MS.all;
        const ms = (n: number) => (r.requests ? n.toFixed(0) : '–');
        rows.push(
          `| ${r.label} | ${councils} | ${r.firstMs.toFixed(0)} | ${r.aloneMs.toFixed(0)} | ${r.requests} | ${ms(r.p50)} | ${ms(r.p95)} | ` +
            `${ms(r.p99)} | ${r.rps.toFixed(0)} | ${r.non2xx + r.errors} | ${r.rssMiB.toFixed(0)} | ` +
            `${r.p95 < target ? 'met' : '**not met**'} (${target} ms) |`,
        );
      }
      if (councils === sizes.at(-1)) explained = await explain(world);
    } finally {
      await world.stop();
    }
  }
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores shared with other work ` +
      `(load average ${load} when it started), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
      `PostgreSQL on the same machine. Each council: ${SHAPE.plans} plans of ${SHAPE.actions} actions ` +
      `with ${SHAPE.months} months of monthly updates and measure values (g2g dev generate). ` +
      `${SCALE_CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up then ${MEASURE_SECONDS} s per row; ` +
      'one `g2g serve` process; RSS is that process at its highest during the row. "First view" ' +
      'is the median of 5 requests one at a time, each just after a change to the council saved ' +
      'elsewhere (so nothing kept can serve it); "repeat" the median of 5 more with no change ' +
      'between. Each row starts when the server is idle again. A row with 0 requests is a page ' +
      'none of whose responses came back within the 8 s: each of the 50 waited behind the ' +
      `others; the row after it is the same page with ${FEW_CONNECTIONS} connections.`,
    '',
    ...built.map((b) => `- ${b}`),
    '',
    '| page | councils | first view ms | repeat ms | requests | p50 ms | p95 ms | p99 ms | requests/s | errors | RSS MiB | p95 target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `EXPLAIN (ANALYZE, BUFFERS) at ${sizes.at(-1)} councils, council 1's first plan:`,
    '',
    ...explained.flatMap(([label, plan]) => [`${label}:`, '', '```', plan, '```', '']),
  ].join('\n');
}
