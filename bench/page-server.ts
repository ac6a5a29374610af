// The app under the pages bench, in its own process so that its resident memory is its own
// and the load generator and the ceiling server share nothing with it. Started by pages.ts
// over IPC: it serves the demo plans and a 300-action plan (with an open update round and a
// lead of 30 of its actions) on the embedded database, or on DATABASE_URL's server, and
// answers "change" (one edit through the services, as a person's save would make) and "rss".
import type { AddressInfo } from 'node:net';
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { loadDemoData } from '../src/demo/demo-data.js';
import { freshDatabaseEnv } from '../src/test-support/test-context.js';
import { buildServer } from '../src/web/server.js';
import { BENCH_PEOPLE, LEAD_NAME, type Ready } from './bench-people.js';
import { largePlan } from './large-plan.js';

const send = (message: unknown) => process.send?.(message);
const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent' };
// On a PostgreSQL server the bench has a database of its own, dropped when it stops.
const fresh = env.DATABASE_URL ? await freshDatabaseEnv() : null;
const app = await createAppContext(loadConfig({ ...env, ...fresh?.env }), {
  open: fresh ? {} : { inMemory: true },
});
if (env.BENCH_DEMO !== 'no') await loadDemoData(app);
const document = largePlan(300);
// One recommendation's ten actions name the lead; the round asks for an update on all 300.
document.actions = document.actions.map((a) =>
  a.recommendationId === 'r7' ? { ...a, leads: [{ name: LEAD_NAME, kind: 'role' as const }] } : a,
);
const planId = await app.transaction((trx) =>
  app.services.documents.import(trx, app.changeBy('bench'), document),
);
const roundId = await app.transaction(async (trx) => {
  const by = { userId: null, at: app.clock.now() };
  const scope = await app.services.plans.scope(trx, planId);
  if (!scope) throw new Error('the imported plan is missing');
  for (const [who, person] of Object.entries(BENCH_PEOPLE)) {
    const user = await app.services.accounts.addUser(trx, {
      email: person.email,
      name: who === 'lead' ? 'Bench Lead' : 'Bench User',
      password: person.password,
    });
    await app.services.access.grant(
      trx,
      by,
      user.id,
      scope.organisationId,
      who === 'lead' ? { role: 'action-lead', leadNames: [LEAD_NAME] } : { role: 'plan-manager' },
    );
  }
  const deadline = new Date(Date.parse(app.clock.today()) + 10 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const round = await app.services.rounds.open(trx, app.changeBy('bench'), planId, {
    name: 'Bench round',
    deadline,
  });
  return round.id;
});
const server = await buildServer(app);
await server.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
send({ ready: { base, planId, roundId, database: app.database.kind } satisfies Ready });

let flip = false;
process.on('message', (message: { id: number; cmd: 'change' | 'exports' | 'stop' }) => {
  void (async () => {
    if (message.cmd === 'exports') {
      // How many downloads of the plan the access log holds.
      const events = await app.transaction((trx) =>
        app.services.access.listAudit(trx, { kind: 'export', limit: 10_000_000 }),
      );
      send({ id: message.id, count: events.filter((e) => e.planId === planId).length });
    } else if (message.cmd === 'change') {
      flip = !flip;
      await app.transaction((trx) =>
        app.services.content.update(trx, app.changeBy('bench'), planId, 'action', 'a7', {
          text: flip ? 'Complete the pathway plans (revised)' : 'Complete the pathway plans',
        }),
      );
      send({ id: message.id, done: true });
    } else {
      await server.close();
      await app.close();
      await fresh?.cleanup();
      send({ id: message.id, done: true });
      process.exit(0);
    }
  })().catch((error: unknown) => {
    send({ id: message.id, error: String(error) });
  });
});
