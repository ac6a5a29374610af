// The plan pages under load, beside their ceiling: the app (page-server.mjs, its own process,
// on the build, its data made first by page-setup.ts) and a bare node:http server sending each
// page's exact bytes from memory (ceiling.mjs), both driven by autocannon in a worker thread
// with the same load in the same run, so that each figure is read as a share of what this
// shared machine could serve at that moment. Also the helpers the other load benches use:
// load, percentiles, signing in, one measured page.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { changedSinceBuild } from '../src/cli/build-check.js';
import type { AppContext } from '../src/composition.js';
import { freshDatabaseEnv } from '../src/test-support/test-context.js';
import { SESSION_COOKIE } from '../src/web/route-context.js';
import { type Child, startChild } from './children.js';
import { BENCH_PEOPLE, type Ready } from './bench-people.js';

export const CONNECTIONS = 50;
/** Seconds of load per page that are measured, after a warm-up that is not. */
export const MEASURE_SECONDS = 10;
export const WARM_UP_SECONDS = 3;
/** The target, on the embedded database. */
export const P95_TARGET_MS = 50;

export interface PageResult {
  label: string;
  /** Whether the target applies (the pages the issue names), or the row is for information. */
  target: boolean;
  connections: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  non2xx: number;
}

/** What load.worker.mjs is given. */
interface LoadRequest {
  url: string;
  cookie: string;
  /** More request headers (e.g. accept-encoding). */
  headers?: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
}

/** What load.worker.mjs sends back. */
interface LoadResult {
  /** Milliseconds, one per completed response, whatever its status. */
  latencies: number[];
  statusCounts: Record<string, number>;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  resets: number;
  mismatches: number;
  /** Seconds autocannon ran. */
  duration: number;
}

const EMAIL = 'bench@bench.example';
const PASSWORD = 'fifty connections at once';

/** autocannon in a worker thread: the server keeps the main thread to itself. */
export function load(request: LoadRequest): Promise<LoadResult & { wallSeconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.worker.mjs', import.meta.url), {
      workerData: request,
    });
    let result: LoadResult | undefined;
    worker.once('message', (message: LoadResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result
        ? resolve({ ...result, wallSeconds: (performance.now() - started) / 1000 })
        : reject(new Error(`the load worker exited with code ${code} and no result`)),
    );
  });
}

/** Exact percentile (nearest rank) of every response's latency. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/** Signs in through the real form: GET /sign-in for the CSRF cookie, then POST it. */
export async function signIn(
  base: string,
  person: { email: string; password: string } = { email: EMAIL, password: PASSWORD },
): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const csrf = /g2g_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1];
  if (!form.ok || !csrf) throw new Error(`GET /sign-in gave ${form.status} and no CSRF cookie`);
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `g2g_csrf=${csrf}`,
    },
    body: new URLSearchParams({
      _csrf: csrf,
      email: person.email,
      password: person.password,
      returnTo: '/plans',
    }),
  });
  const session = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(
    response.headers.get('set-cookie') ?? '',
  )?.[1];
  if (response.status !== 303 || !session) {
    throw new Error(`POST /sign-in gave ${response.status} and no session cookie`);
  }
  return `${SESSION_COOKIE}=${session}`;
}

/** One page: check it renders, warm up, then measure; fails loudly on any failed request. */
export async function measure(
  base: string,
  cookie: string,
  label: string,
  path: string,
  mustContain: string,
  connections: number,
  seconds: { warmUp: number; measure: number } = {
    warmUp: WARM_UP_SECONDS,
    measure: MEASURE_SECONDS,
  },
): Promise<Omit<PageResult, 'target'>> {
  const url = `${base}${path}`;
  const check = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await check.text();
  if (check.status !== 200 || !body.includes(mustContain)) {
    throw new Error(`${path} gave ${check.status} without "${mustContain}": fix the bench first`);
  }
  await load({ url, cookie, connections, duration: seconds.warmUp });
  const run = await load({ url, cookie, connections, duration: seconds.measure });
  const failed = run.non2xx + run.errors + run.timeouts + run.resets + run.mismatches;
  // No response inside the window (each took longer) is a figure too: 0 a second.
  if (failed > 0) {
    throw new Error(
      `${label}: ${failed} failed requests (statuses ${JSON.stringify(run.statusCounts)}, ` +
        `${run.errors} errors, ${run.timeouts} timeouts): the numbers would be meaningless`,
    );
  }
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    label,
    connections,
    requests: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Infinity,
    rps: sorted.length / run.duration,
    non2xx: run.non2xx,
  };
}

/** A plan manager of the plan's council, so the pages' policy lets the bench user in. */
export async function addBenchUser(app: AppContext, planId: string): Promise<void> {
  await app.transaction(async (trx) => {
    const user = await app.services.accounts.addUser(trx, {
      email: EMAIL,
      name: 'Bench User',
      password: PASSWORD,
    });
    const scope = await app.services.plans.scope(trx, planId);
    if (!scope) throw new Error('the imported plan is missing');
    const by = { userId: null, at: app.clock.now() };
    await app.services.access.grant(trx, by, user.id, scope.organisationId, {
      role: 'plan-manager',
    });
  });
}

/** Connections of each row: one request at a time, the target's 10, and the latency target's 50. */
export const CONNECTION_STEPS = [1, 10, 50] as const;
/** At 10 connections, every plan page serves at least this share of its ceiling. */
export const RATIO_TARGET = 0.5;
/** The JSON export, logged in the access log: at least this many a second at 10 connections... */
export const EXPORT_RPS_TARGET = 300;
/** ...with p99 under this. */
export const EXPORT_P99_TARGET_MS = 200;
/** First views after a change, per page. */
const FIRST_VIEWS = 15;

export interface Measured {
  page: string;
  kind: 'plan page' | 'export';
  bytes: number;
  connections: number;
  app: Omit<PageResult, 'target'>;
  ceiling: Omit<PageResult, 'target'>;
  ratio: number;
  /** The app's resident memory at its highest during the row, MB. */
  rssMb: number;
}

export interface FirstView {
  page: string;
  first: { p50: number; p95: number };
  repeat: { p50: number; p95: number };
}

/** process.memoryUsage() of the app, in MB. */
export interface HeapMb {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface PagesRun {
  database: string;
  rows: Measured[];
  firstViews: FirstView[];
  load: { before: number[]; after: number[] };
  memory: { startMb: number; peakMb: number; endMb: number; ready: HeapMb; end: HeapMb };
  exports: { logged: number; received: number };
  seconds: { warmUp: number; measure: number };
}

/** Serves the pages from the app and from the ceiling, and measures both, row by row. */
export async function benchPages(): Promise<PagesRun> {
  const before = loadavg();
  const seconds = {
    warmUp: Number(process.env.BENCH_WARM_UP_SECONDS ?? 2),
    measure: Number(process.env.BENCH_MEASURE_SECONDS ?? 6),
  };
  // The app runs from the build, as g2g serve does: it must be the build of these sources.
  const built = fileURLToPath(new URL('../dist/cli/build-check.js', import.meta.url));
  const changed = existsSync(built) ? changedSinceBuild(built) : 'the build (dist/)';
  if (changed) throw new Error(`${changed} is newer than the build: npm run build first`);
  // A database of the bench's own: a new data directory, or a new database on the server.
  const database = await freshDatabaseEnv();
  const env = { ...process.env, ...database.env, LOG_LEVEL: 'silent' };
  const { planId, roundId } = await setUp(env);
  const app = await startChild('./page-server.mjs', { ...env, BENCH_PLAN_ID: planId });
  let ceiling: Child | undefined;
  try {
    const ready: Ready = {
      ...(app.first.ready as Pick<Ready, 'base' | 'database'>),
      planId,
      roundId,
    };
    const startMb = app.memory().rssMb;
    const heapReady = (await app.ask({ cmd: 'memory' })) as unknown as HeapMb;
    const { base } = ready;
    const manager = await signIn(base, BENCH_PEOPLE.manager);
    const lead = await signIn(base, BENCH_PEOPLE.lead);
    const pages = [
      [
        'plan overview (300 actions: recommendations with counts)',
        `/plans/${planId}`,
        manager,
        'This plan has 300 actions',
      ],
      [
        'action page (a150: 1 update, 1 history entry)',
        `/plans/${planId}/actions/a150`,
        manager,
        'Progress this month.',
      ],
      [
        "a lead's updates for the round (10 actions)",
        `/plans/${planId}/rounds/${roundId}/my-updates`,
        lead,
        'Your updates for Bench round',
      ],
      [
        'plan overview filtered to list all 300 actions',
        `/plans/${planId}?status=AMBER`,
        manager,
        'Showing 300 of 300',
      ],
      [
        'the plan as JSON (export.json, logged in the access log)',
        `/plans/${planId}/export.json`,
        manager,
        '"actions"',
      ],
    ] as const;
    // The ceiling gets each page's exact bytes and headers, as the app sent them.
    const copies = [];
    for (const [, path, cookie, mustContain] of pages) {
      // As autocannon asks for them: not compressed.
      const response = await fetch(`${base}${path}`, {
        headers: { cookie, 'accept-encoding': 'identity' },
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200 || !body.toString('utf8').includes(mustContain)) {
        throw new Error(
          `${path} gave ${response.status} without "${mustContain}": fix the bench first`,
        );
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (
          !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(
            name,
          )
        )
          headers[name] = value;
      });
      copies.push({ path, headers, body: body.toString('base64'), bytes: body.length });
    }
    ceiling = await startChild('./ceiling.mjs');
    await ceiling.ask({ pages: copies.map(({ bytes: _b, ...copy }) => copy) });
    const ceilingBase = String(ceiling.first.base);

    const rows: Measured[] = [];
    for (const [i, [page, path, cookie, mustContain]] of pages.entries()) {
      for (const connections of CONNECTION_STEPS) {
        let rssMb = 0;
        const sampler = setInterval(() => (rssMb = Math.max(rssMb, app.memory().rssMb)), 250);
        const served = await measure(base, cookie, page, path, mustContain, connections, seconds);
        clearInterval(sampler);
        rssMb = Math.max(rssMb, app.memory().rssMb);
        const bare = await measure(
          ceilingBase,
          cookie,
          page,
          path,
          mustContain,
          connections,
          seconds,
        );
        rows.push({
          page,
          kind: path.endsWith('.json') ? 'export' : 'plan page',
          bytes: copies[i]?.bytes ?? 0,
          connections,
          app: served,
          ceiling: bare,
          ratio: served.rps / bare.rps,
          rssMb,
        });
        console.error(
          `${page} at ${connections}: ${served.rps.toFixed(0)} of ${bare.rps.toFixed(0)} requests/s`,
        );
      }
    }
    // Downloads: the log has one row for each the bench received (and any cut off at the end).
    const logged = Number((await app.ask({ cmd: 'exports' })).count);
    const exportRows = rows.filter((r) => r.kind === 'export');
    // Each row's warm-up is not counted in its requests: count what the log should hold at least.
    const received = exportRows.reduce((n, r) => n + r.app.requests, 0);

    const firstViews: FirstView[] = [];
    for (const [page, path, cookie] of pages.slice(0, 4)) {
      const first: number[] = [];
      const repeat: number[] = [];
      for (let i = 0; i < FIRST_VIEWS; i++) {
        await app.ask({ cmd: 'change' });
        first.push(await timedView(`${base}${path}`, cookie));
        repeat.push(await timedView(`${base}${path}`, cookie));
      }
      firstViews.push({ page, first: spread(first), repeat: spread(repeat) });
    }
    const memory = { startMb, ...app.memory() };
    const heapEnd = (await app.ask({ cmd: 'memory' })) as unknown as HeapMb;
    return {
      database: ready.database,
      rows,
      firstViews,
      load: { before, after: loadavg() },
      memory: {
        startMb,
        peakMb: memory.peakMb,
        endMb: memory.rssMb,
        ready: heapReady,
        end: heapEnd,
      },
      exports: { logged, received },
      seconds,
    };
  } finally {
    await ceiling?.stop();
    await app.stop();
    await database.cleanup();
  }
}

/** Runs page-setup.ts in a process of its own on the bench's database; its plan's and round's ids. */
async function setUp(
  env: Record<string, string | undefined>,
): Promise<{ planId: string; roundId: string }> {
  const child = fork(new URL('./page-setup.ts', import.meta.url), [], {
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let ids: { planId: string; roundId: string } | undefined;
    child.once('message', (message) => (ids = message as { planId: string; roundId: string }));
    child.once('exit', (code) =>
      ids ? resolve(ids) : reject(new Error(`page-setup.ts exited with code ${code}`)),
    );
  });
}

/** One whole request, from sending to the last byte, in ms. */
async function timedView(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  // As a browser asks for it: compressed where the server compresses.
  const response = await fetch(url, {
    headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} gave ${response.status}`);
  return performance.now() - started;
}

function spread(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}
