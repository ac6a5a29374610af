import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import type { AppContext } from '../composition.js';
import { ping } from '../db/database.js';
import type { SignedIn } from '../accounts/account.service.js';
import { ROUTE_MODULES } from './routes.js';
import { registerUploads } from './uploads.js';
import {
  ANON_CSRF_COOKIE,
  type RouteContext,
  SESSION_COOKIE,
  sessionEnded,
} from './route-context.js';
import { ForbiddenError, NotFoundError } from '../lib/errors.js';
import { createViews, govukDist } from './views.js';
import type { Actor } from '../access/policy.js';
import { EpochCache } from '../db/write-epoch.js';
import { SignInRequired } from './guard.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Where GOV.UK Frontend's files and our browser script are served from. */
const STATIC_PREFIXES = ['/assets/', '/stylesheets/', '/javascripts/'];

/** The HTTP shell: GOV.UK pages rendered on the server, sessions, CSRF, security headers. */
export async function buildServer(app: AppContext): Promise<FastifyInstance> {
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const views = createViews();
  const secure = process.env.NODE_ENV === 'production';

  // Every route declares its policy; registering one without fails at start-up.
  const routeTable: FastifyInstance['routeTable'] = [];
  server.decorate('routeTable', routeTable);
  server.addHook('onRoute', requirePolicy(routeTable));

  await server.register(cookie);
  await server.register(formbody);
  await registerUploads(server);
  await server.register(fastifyStatic, {
    root: join(govukDist, 'govuk/assets'),
    prefix: '/assets/',
  });
  await server.register(fastifyStatic, {
    root: join(govukDist, 'govuk'),
    prefix: '/stylesheets/',
    decorateReply: false,
    allowedPath: (p) => p.endsWith('.css'),
  });
  await server.register(fastifyStatic, {
    root: join(govukDist, 'govuk'),
    prefix: '/javascripts/',
    decorateReply: false,
    allowedPath: (p) => p === '/govuk-frontend.min.js',
  });
  await server.register(fastifyStatic, {
    root: join(here, 'public'),
    prefix: '/javascripts/app/',
    decorateReply: false,
  });

  server.decorateRequest('signedIn', null);
  server.decorateRequest('actor', null);
  server.decorateReply(
    'render',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const html = views.render(template, pageValues(this.request, context));
      return this.type('text/html; charset=utf-8').send(withoutInlineScript(html));
    },
  );
  const shells = new Map<string, [string, string]>();
  const BODY_MARK = `<!--body-${randomBytes(12).toString('hex')}-->`;
  server.decorateReply(
    'renderAround',
    function (
      this: FastifyReply,
      template: string,
      context: Record<string, unknown>,
      body: string,
    ) {
      const values = pageValues(this.request, context);
      const user = this.request.signedIn?.user;
      const key = JSON.stringify([template, user?.id, user?.name, values.sessionCsrf, context]);
      let shell = shells.get(key);
      if (!shell) {
        const html = withoutInlineScript(views.render(template, { ...values, body: BODY_MARK }));
        const at = html.indexOf(BODY_MARK);
        shell = [html.slice(0, at), html.slice(at + BODY_MARK.length)];
        shells.set(key, shell);
        if (shells.size > 5000) {
          const oldest = shells.keys().next().value;
          if (oldest !== undefined) shells.delete(oldest);
        }
      }
      return this.type('text/html; charset=utf-8').send(shell[0] + body + shell[1]);
    },
  );

  const sessions = new EpochCache<{ signedIn: SignedIn; actor: Actor; until: string }>(
    app.database.writes,
    10_000,
  );
  server.addHook('onRequest', async (request, reply) => {
    reply.header(
      'content-security-policy',
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (secure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Static files need no session: skip the database for them.
    if (STATIC_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return;
    // Two single-statement reads, outside a transaction: every request makes them. With the
    // embedded database their answer is kept until the next write of any kind (a sign-out, a
    // role change, a deactivation) or until the session or a role ends, whichever is first.
    const token = request.cookies[SESSION_COOKIE];
    const now = app.clock.now();
    const kept = token ? sessions.get(token) : undefined;
    if (token && kept && now < kept.until) {
      request.signedIn = kept.signedIn;
      request.actor = kept.actor;
    } else {
      const mark = sessions.mark();
      request.signedIn = await app.services.accounts.resolve(app.db, token, now);
      if (token && request.signedIn) {
        const actor = await app.services.access.actor(app.db, request.signedIn.user, now);
        request.actor = actor;
        const ends = request.signedIn.session.expiresAt;
        const until = actor.until && actor.until < ends ? actor.until : ends;
        sessions.set(token, { signedIn: request.signedIn, actor, until }, mark);
      }
    }
    if (request.signedIn) reply.header('cache-control', 'no-store');
  });

  // CSRF: every form post carries a token — the session's when signed in, else a cookie's double.
  server.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = body?._csrf;
    // A form from a session that has since ended: keep what was typed, ask to sign in again.
    if (
      !request.signedIn &&
      request.cookies[SESSION_COOKIE] &&
      !request.url.startsWith('/sign-in')
    ) {
      return sessionEnded(request, reply);
    }
    const expected = request.signedIn?.session.csrfToken ?? request.cookies[ANON_CSRF_COOKIE];
    if (typeof sent !== 'string' || !expected || sent !== expected) {
      return reply.code(403).render('error.njk', {
        title: 'Your form could not be sent',
        heading: 'Your form could not be sent',
        message:
          'The page was out of date or your session had ended. Go back, reload the page and try again: nothing was saved.',
      });
    }
  });

  server.get('/health', { config: { policy: 'public' } }, async (_request, reply) => {
    const ok = await ping(app.db).catch(() => false);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'database unavailable', database: app.database.kind });
  });

  const context: RouteContext = {
    app,
    secure,
    renderPartial: (template, values) => views.render(template, values),
  };
  for (const register of ROUTE_MODULES) register(server, context);

  server.setNotFoundHandler((request, reply) =>
    reply.code(404).render('error.njk', {
      title: 'Page not found',
      heading: 'Page not found',
      message: 'If you typed the web address, check it is correct.',
    }),
  );
  server.setErrorHandler((error, request, reply) => {
    if (error instanceof SignInRequired) {
      if (request.method === 'GET') {
        return reply.redirect(
          request.url === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(request.url)}`,
        );
      }
      return sessionEnded(request, reply);
    }
    if (error instanceof NotFoundError) {
      return reply.code(404).render('error.njk', {
        title: 'Page not found',
        heading: 'Page not found',
        message: error.message,
      });
    }
    if (error instanceof ForbiddenError) {
      return reply.code(403).render('error.njk', {
        title: 'You cannot see this page',
        heading: 'You cannot see this page',
        message: error.message,
      });
    }
    // Requests the framework itself refused: too large, too many files, unreadable body.
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).render('error.njk', {
        title: 'Your request could not be used',
        heading: 'Your request could not be used',
        message:
          status === 413
            ? 'What you sent was too large, or had more than one file. Go back and send one file within the size limit: nothing was saved.'
            : 'What you sent could not be read. Go back and try again: nothing was saved.',
      });
    }
    request.log.error(error);
    return reply.code(500).render('error.njk', {
      title: 'Sorry, there is a problem with the service',
      heading: 'Sorry, there is a problem with the service',
      message: 'Try again later. Nothing you entered has been saved.',
    });
  });

  await server.ready();
  return server;
}

/**
 * GOV.UK Frontend's page template writes one inline script (it marks the page as having
 * JavaScript). Our policy allows no inline script at all, so the same line is served as a
 * file, loaded at the same point of the page.
 */
const GOVUK_INLINE_SCRIPT = /<script>document\.body\.className \+= ' js-enabled'[^<]*<\/script>/;
function withoutInlineScript(html: string): string {
  return html.replace(
    GOVUK_INLINE_SCRIPT,
    '<script src="/javascripts/app/js-enabled.js"></script>',
  );
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

/** What every page's layout shows of the person: their name, and the token of the sign-out form. */
function pageValues(request: FastifyRequest, context: Record<string, unknown>) {
  return {
    user: request.signedIn?.user ?? null,
    sessionCsrf: request.signedIn?.session.csrfToken ?? '',
    ...context,
  };
}
