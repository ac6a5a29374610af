// The scale and load benches' world: a new database on the DATABASE_URL server filled by
// g2g dev generate, served by a real `g2g serve` process (bin/g2g.js: npm run build first),
// and that process's memory (RSS) read from /proc while it works.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import {
  generateSyntheticData,
  type GenerateOptions,
  leadEmail,
  managerEmail,
  SYNTHETIC_PASSWORD,
} from '../src/dev/generate.js';
import { HttpBrowser, type ServeProcess, serveProcess } from '../src/test-support/http-browser.js';

export interface ScaleWorld {
  databaseUrl: string;
  generated: Awaited<ReturnType<typeof generateSyntheticData>>;
  server: ServeProcess;
  /** Council 1's first plan, its open round, a day to draw its pack at. */
  planId: string;
  roundId: string;
  asAt: string;
  /** Plans of councils 1..10 (one each), for users spread over councils. */
  plans: Array<{ planId: string; council: number }>;
  manager: HttpBrowser;
  lead: HttpBrowser;
  stop(): Promise<void>;
}

async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database of `options.councils` synthetic councils, served; stop() drops it. */
export async function scaleWorld(
  name: string,
  options: GenerateOptions,
  progress: (line: string) => void = () => {},
): Promise<ScaleWorld> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('the scale benches need DATABASE_URL (a PostgreSQL server)');
  const url = new URL(serverUrl);
  await admin(serverUrl, `drop database if exists ${name} with (force)`);
  await admin(serverUrl, `create database ${name}`);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const app = await createAppContext(
    loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }),
  );
  let generated: ScaleWorld['generated'];
  let planId = '';
  let roundId = '';
  const plans: ScaleWorld['plans'] = [];
  try {
    generated = await generateSyntheticData(app, options, progress);
    await app.transaction(async (trx) => {
      const all = await app.services.plans.list(trx);
      const councils = await app.services.access.listCouncils(trx);
      for (let c = 1; c <= Math.min(10, options.councils); c++) {
        const council = councils.find((o) => o.slug === `synthetic-${String(c).padStart(3, '0')}`);
        const plan = all.find((p) => p.organisationId === council?.id);
        if (plan) plans.push({ planId: plan.id, council: c });
      }
      planId = plans[0]?.planId ?? '';
      const round = await app.services.rounds.open(trx, app.changeBy('bench'), planId, {
        name: 'Bench round',
        deadline: app.clock.today(),
      });
      roundId = round.id;
    });
  } finally {
    await app.close();
  }
  const server = await serveProcess({ DATABASE_URL: databaseUrl });
  const manager = new HttpBrowser();
  const lead = new HttpBrowser();
  for (const [browser, email] of [
    [manager, managerEmail(1)],
    [lead, leadEmail(1)],
  ] as const) {
    const signedIn = await browser.signIn(server.url, email, SYNTHETIC_PASSWORD);
    if (signedIn.status !== 303) throw new Error(`signing in as ${email} gave ${signedIn.status}`);
  }
  return {
    databaseUrl,
    generated,
    server,
    planId,
    roundId,
    asAt: new Date().toISOString().slice(0, 10),
    plans,
    manager,
    lead,
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** The process's resident memory now, in MiB (Linux /proc). */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process's RSS every `ms` until stopped; returns the highest and the samples. */
export function sampleRss(pid: number | undefined, ms = 250) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMiB(pid)), ms);
  return {
    samples,
    stop() {
      clearInterval(timer);
      return Math.max(0, ...samples);
    },
  };
}
