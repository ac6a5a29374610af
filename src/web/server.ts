import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../composition.js';
import { ping } from '../db/database.js';

/** The HTTP shell. For now: a home page listing plans and a health endpoint (the web app is its own piece of work). */
export async function buildServer(app: AppContext): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });

  server.get('/health', async (_request, reply) => {
    const ok = await ping(app.db).catch(() => false);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'database unavailable', database: app.database.kind });
  });

  server.get('/', async (_request, reply) => {
    const plans = await app.transaction((trx) => app.services.plans.list(trx));
    const items = plans
      .map(
        (p) =>
          `<li>${escapeHtml(p.organisationName)}: ${escapeHtml(p.title)} (${p.status}; ${p.recommendations} recommendations, ${p.actions} actions)</li>`,
      )
      .join('');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Getting to Good</title></head><body><main><h1>Getting to Good</h1><h2>Plans</h2><ul>${items}</ul></main></body></html>`,
      );
  });

  await server.ready();
  return server;
}

/** Escapes text for HTML; imported words are data, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
