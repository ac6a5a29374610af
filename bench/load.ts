// npm run bench -- load: 200 people at once for 60 s against one `g2g serve` process on
// PostgreSQL with 10 synthetic councils, mixing page reads, updates given through the form
// and board pack downloads (CSV and Excel); every answer must be what a person expects (a
// page, a saved redirect, a file), else the bench fails. npm run bench -- soak (by hand):
// the same mix for 10 minutes, the server's memory read each 10 s, to show it does not grow.
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SYNTHETIC_PASSWORD, managerEmail } from '../src/dev/generate.js';
import { HttpBrowser } from '../src/test-support/http-browser.js';
import { rssMiB, type ScaleWorld, scaleWorld } from './scale-setup.js';

export const LOAD_USERS = 200;
export const LOAD_SECONDS = 60;
export const SOAK_SECONDS = 600;
const SHAPE = { councils: 10, plans: 3, actions: 300, months: 36 };

type Kind = 'read' | 'update' | 'pack';
interface Outcome {
  kind: Kind;
  ms: number;
  ok: boolean;
  problem?: string;
}

/** One person's next request: 75% reads, 20% updates, 5% pack downloads. */
async function step(
  browser: HttpBrowser,
  base: string,
  planId: string,
  asAt: string,
  n: number,
): Promise<Outcome> {
  const plan = `${base}/plans/${planId}`;
  const dice = Math.random();
  const action = `a${1 + Math.floor(Math.random() * 300)}`;
  const started = performance.now();
  const done = (kind: Kind, ok: boolean, problem?: string): Outcome => ({
    kind,
    ms: performance.now() - started,
    ok,
    problem,
  });
  try {
    if (dice < 0.75) {
      const page = await browser.get(dice < 0.4 ? plan : `${plan}/actions/${action}`);
      return done('read', page.status === 200, `read ${page.status}`);
    }
    if (dice < 0.95) {
      const saved = await browser.submit(`${plan}/actions/${action}/updates/new`, {
        text: `Load test update ${n}`,
        proposedStatus: 'AMBER',
        evidenceUrl: '',
      });
      return done('update', saved.status === 303, `update ${saved.status}`);
    }
    const file = await browser.get(
      `${plan}/pack/download.${dice < 0.98 ? 'csv' : 'xlsx'}?asAt=${asAt}&board=Improvement%20Board`,
    );
    return done('pack', file.status === 200, `pack ${file.status}`);
  } catch (error) {
    return done('read', false, error instanceof Error ? error.message : 'failed');
  }
}

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

/** `users` people for `seconds`; RSS sampled every `rssEvery` seconds. */
async function mix(world: ScaleWorld, users: number, seconds: number, rssEvery: number) {
  // Each person is a plan manager of one of the councils (sessions made once, kept).
  const people: Array<{ browser: HttpBrowser; planId: string }> = [];
  for (const { planId, council } of world.plans) {
    const browser = new HttpBrowser();
    const signedIn = await browser.signIn(
      world.server.url,
      managerEmail(council),
      SYNTHETIC_PASSWORD,
    );
    if (signedIn.status !== 303)
      throw new Error(`sign-in for council ${council}: ${signedIn.status}`);
    people.push({ browser, planId });
  }
  const outcomes: Outcome[] = [];
  const rss: number[] = [rssMiB(world.server.child.pid)];
  const timer = setInterval(() => rss.push(rssMiB(world.server.child.pid)), rssEvery * 1000);
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const person = people[u % people.length];
      if (!person) return;
      while (performance.now() < until) {
        outcomes.push(await step(person.browser, world.server.url, person.planId, world.asAt, n++));
      }
    }),
  );
  clearInterval(timer);
  rss.push(rssMiB(world.server.child.pid));
  return { outcomes, rss };
}

function summary(outcomes: Outcome[], seconds: number): string[] {
  const rows: string[] = [];
  for (const kind of ['read', 'update', 'pack'] as const) {
    const mine = outcomes.filter((o) => o.kind === kind);
    const ms = mine.map((o) => o.ms).sort((a, b) => a - b);
    rows.push(
      `| ${kind} | ${mine.length} | ${pct(ms, 0.5).toFixed(0)} | ${pct(ms, 0.95).toFixed(0)} | ` +
        `${pct(ms, 0.99).toFixed(0)} | ${(mine.length / seconds).toFixed(0)} | ${mine.filter((o) => !o.ok).length} |`,
    );
  }
  return rows;
}

async function run(users: number, seconds: number, rssEvery: number, name: string) {
  const world = await scaleWorld(name, SHAPE, (line) => console.log(line));
  try {
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(', ');
    const { outcomes, rss } = await mix(world, users, seconds, rssEvery);
    const failed = outcomes.filter((o) => !o.ok);
    const head =
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores shared with other work ` +
      `(load average ${load} when it started), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `one \`g2g serve\` process on PostgreSQL holding ${SHAPE.councils} synthetic councils ` +
      `(${world.generated.updates.toLocaleString('en-GB')} updates). ${users} people at once for ${seconds} s, ` +
      'each a plan manager of one of the councils, one request after another: 40% plan overview, ' +
      "35% an action's page, 20% an update given through the form (GET, then POST), 5% the board pack " +
      'as CSV or Excel.';
    const table = [
      '| kind | requests | p50 ms | p95 ms | p99 ms | per second | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...summary(outcomes, seconds),
    ];
    const problems = [...new Set(failed.map((o) => o.problem))].slice(0, 5).join('; ');
    const verdict = failed.length
      ? `**${failed.length} errors** (${problems}).`
      : `**Zero errors** in ${outcomes.length} requests.`;
    return { head, table, verdict, rss, failed: failed.length };
  } finally {
    await world.stop();
  }
}

/** The load section. Fails (throws) on any error, after the figures are printed. */
export async function benchLoad(): Promise<string> {
  const r = await run(LOAD_USERS, LOAD_SECONDS, 5, 'g2g_bench_load');
  const text = [
    r.head,
    '',
    ...r.table,
    '',
    `${r.verdict} Server RSS: ${r.rss[0]?.toFixed(0)} MiB before, at most ${Math.max(...r.rss).toFixed(0)} MiB during, ${r.rss.at(-1)?.toFixed(0)} MiB after.`,
  ].join('\n');
  if (r.failed) {
    console.log(text);
    throw new Error(`the load test had ${r.failed} errors`);
  }
  return text;
}

/** The soak section (by hand): 10 minutes of the same mix, RSS each 10 s. */
export async function benchSoak(): Promise<string> {
  const seconds = Number(process.env.SOAK_SECONDS ?? SOAK_SECONDS);
  const r = await run(LOAD_USERS, seconds, 10, 'g2g_bench_soak');
  const rss = r.rss;
  const minute = rss[Math.min(rss.length - 1, 6)] ?? 0;
  return [
    r.head,
    '',
    ...r.table,
    '',
    r.verdict,
    '',
    `Server RSS every 10 s (MiB): ${rss.map((x) => x.toFixed(0)).join(', ')}. After the first minute ` +
      `${minute.toFixed(0)} MiB, at the end ${rss.at(-1)?.toFixed(0)} MiB.`,
  ].join('\n');
}
