import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../composition.js';
import { ping } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

// Liveness and readiness, for a load balancer or an orchestrator:
// - GET /health: the process answers and its database answers (restart it when not);
// - GET /ready: it should be sent requests: the database answers, every migration this code
//   knows is applied, and the process is not shutting down (take it out of rotation when not).

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the process is shutting down: /ready says so and every answer closes its connection. */
    stopping: { now: boolean };
  }
}

/** Why a process is not ready, in the few words /ready answers with. */
export type NotReady = 'shutting down' | 'database unavailable' | 'migrations not applied';

/** Registers /health and /ready, and closes each connection once the process is stopping. */
export function registerHealthRoutes(server: FastifyInstance, app: AppContext): void {
  server.decorate('stopping', { now: false });
  const policy = { config: { policy: 'public' as const } };

  server.get('/health', policy, async (_request, reply) => {
    const ok = await ping(app.db).catch(() => false);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'database unavailable', database: app.database.kind });
  });

  server.get('/ready', policy, async (_request, reply) => {
    const reason = await notReady(server, app);
    return reply
      .code(reason ? 503 : 200)
      .header('cache-control', 'no-store')
      .send({ status: reason ?? 'ready' });
  });

  // While stopping, a connection kept alive after its answer would hold the shutdown open
  // (Fastify closes idle connections once, when it starts closing): each answer closes it.
  server.addHook('onSend', async (_request, reply, payload) => {
    if (server.stopping.now) reply.header('connection', 'close');
    return payload;
  });
}

async function notReady(server: FastifyInstance, app: AppContext): Promise<NotReady | null> {
  if (server.stopping.now) return 'shutting down';
  if (!(await ping(app.db).catch(() => false))) return 'database unavailable';
  const pending = await pendingMigrations(app.db).catch(() => null);
  if (pending === null) return 'database unavailable';
  return pending.length ? 'migrations not applied' : null;
}
