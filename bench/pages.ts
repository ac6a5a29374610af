// The web pages under load: the plan overview and an action page of a 300-action plan,
// served by the real server (buildServer, listening on localhost) on the embedded
// database, to a signed-in session, under 50 concurrent connections (autocannon).
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { type AppContext, createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { SESSION_COOKIE } from '../src/web/route-context.js';
import { buildServer } from '../src/web/server.js';
import { largePlan } from './large-plan.js';

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
export async function signIn(base: string): Promise<string> {
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
      email: EMAIL,
      password: PASSWORD,
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
  if (failed > 0 || run.latencies.length === 0) {
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
    max: sorted.at(-1) ?? NaN,
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

/** Serves a 300-action plan and measures its overview and one action page. */
export async function benchPages(options: { single?: boolean } = {}): Promise<PageResult[]> {
  const app = await createAppContext(loadConfig({ LOG_LEVEL: 'silent' }), {
    open: { inMemory: true },
  });
  const server = await buildServer(app);
  try {
    const planId = await app.transaction((trx) =>
      app.services.documents.import(trx, app.changeBy('bench'), largePlan(300)),
    );
    await addBenchUser(app, planId);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const cookie = await signIn(base);
    const pages = [
      {
        label: 'plan overview (300 actions: recommendations with counts)',
        path: `/plans/${planId}`,
        mustContain: 'This plan has 300 actions',
        target: true,
      },
      {
        label: 'action page (a150: 1 update, 1 history entry)',
        path: `/plans/${planId}/actions/a150`,
        mustContain: 'Progress this month.',
        target: true,
      },
      {
        label: 'plan overview filtered to list all 300 actions (for information)',
        path: `/plans/${planId}?status=AMBER`,
        mustContain: 'Showing 300 of 300',
        target: false,
      },
    ];
    const results: PageResult[] = [];
    for (const page of pages) {
      const { label, path, mustContain, target } = page;
      results.push({
        ...(await measure(base, cookie, label, path, mustContain, CONNECTIONS)),
        target,
      });
      // One connection shows the time one request costs, without queueing behind others.
      if (options.single !== false) {
        results.push({ ...(await measure(base, cookie, label, path, mustContain, 1)), target });
      }
    }
    return results;
  } finally {
    await server.close();
    await app.close();
  }
}
