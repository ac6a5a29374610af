// The app under the pages bench, in its own process so that its resident memory is its own
// and the load generator and the ceiling server share nothing with it. Plain JavaScript on
// the build (dist/, as `g2g serve` runs): under tsx, its loader's own thread would add about
// 80 MB that the real server does not have. Started by pages.ts over IPC on a database that
// page-setup.ts has filled in a process of its own (the environment names it, with the plan
// in BENCH_PLAN_ID); it opens it as `g2g serve --demo` does (openForServing) and answers
// "change" (one edit through the services, as a person's save would make), "exports" (the
// plan's downloads in the access log), "memory" (process.memoryUsage, in MB) and "stop".
import { openForServing } from '../dist/cli/commands/serve-prepare.js';
import { loadConfig } from '../dist/config.js';
import { buildServer } from '../dist/web/server.js';

const send = (message) => process.send?.(message);
const env = { ...process.env, LOG_LEVEL: 'silent' };
const planId = env.BENCH_PLAN_ID;
const { app } = await openForServing(loadConfig(env), {}, env.BENCH_DEMO !== 'no');
const server = await buildServer(app);
await server.listen({ host: '127.0.0.1', port: 0 });
send({
  ready: { base: `http://127.0.0.1:${server.server.address().port}`, database: app.database.kind },
});

let flip = false;
process.on('message', (message) => {
  void (async () => {
    if (message.cmd === 'memory') {
      // Where the resident memory is: the JavaScript heap, and outside it (WebAssembly, buffers).
      const mb = (n) => Math.round(n / 1048576);
      const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      send({
        id: message.id,
        heapUsed: mb(heapUsed),
        heapTotal: mb(heapTotal),
        external: mb(external),
        arrayBuffers: mb(arrayBuffers),
      });
    } else if (message.cmd === 'exports') {
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
      send({ id: message.id, done: true });
      process.exit(0);
    }
  })().catch((error) => {
    send({ id: message.id, error: String(error) });
  });
});
