import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { AppContext } from '../composition.js';
import { registerErrorPages } from './error-pages.js';
import { registerHealthRoutes } from './readiness.js';
import { registerRendering } from './render.js';
import {
  type LogDestination,
  loggerOptions,
  refuseNulCharacters,
  registerRequestLog,
} from './request-log.js';
import type { RouteContext } from './route-context.js';
import { ROUTE_MODULES } from './routes.js';
import { registerSessionHooks } from './session-hooks.js';
import { registerStaticFiles, STATIC_PREFIXES } from './static-files.js';
import { registerUploads } from './uploads.js';
import { createViews } from './views.js';

/** The HTTP shell: GOV.UK pages rendered on the server, sessions, CSRF, security headers. */
export async function buildServer(
  app: AppContext,
  options: { log?: LogDestination } = {},
): Promise<FastifyInstance> {
  const server = Fastify({
    ...loggerOptions(app.config, options.log),
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For only from the proxies TRUST_PROXY names: request.ip is otherwise the
    // connection's address, so nobody can choose the address the throttles count.
    trustProxy:
      typeof app.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(app.config.trustProxy)
        : app.config.trustProxy,
  });
  const views = createViews();
  const secure = app.config.environment === 'production';
  server.decorate('secureCookies', secure);

  // Every route declares its policy; registering one without fails at start-up.
  const routeTable: FastifyInstance['routeTable'] = [];
  server.decorate('routeTable', routeTable);
  server.addHook('onRoute', requirePolicy(routeTable));

  await server.register(cookie);
  await server.register(formbody);
  await registerUploads(server);
  await registerStaticFiles(server);
  server.decorateRequest('signedIn', null);
  server.decorateRequest('actor', null);
  registerRendering(server, views);
  registerRequestLog(server);
  refuseNulCharacters(server);
  registerSessionHooks(server, app, secure);

  registerHealthRoutes(server, app);

  const context: RouteContext = {
    app,
    secure,
    renderPartial: (template, values) => views.render(template, values),
  };
  for (const register of ROUTE_MODULES) register(server, context);
  registerErrorPages(server);

  await server.ready();
  return server;
}

/** The onRoute hook that refuses a route without a declared policy and lists the rest. */
export function requirePolicy(routeTable: FastifyInstance['routeTable']) {
  return (route: RouteOptions & { prefix?: string }): void => {
    const prefix = route.prefix;
    if (prefix && STATIC_PREFIXES.some((p) => p.startsWith(prefix))) return;
    if (STATIC_PREFIXES.some((p) => route.url.startsWith(p))) return;
    const policy = route.config?.policy;
    if (!policy) throw new Error(`Route ${String(route.method)} ${route.url} declares no policy`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, policy });
    }
  };
}
