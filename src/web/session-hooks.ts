import type { FastifyInstance } from 'fastify';
import type { Actor } from '../access/policy.js';
import type { SignedIn } from '../accounts/account.service.js';
import type { AppContext } from '../composition.js';
import { EpochCache } from '../db/write-epoch.js';
import { ANON_CSRF_COOKIE, SESSION_COOKIE, sessionEnded } from './route-context.js';
import { STATIC_PREFIXES } from './static-files.js';

/**
 * Every request: the security headers, then the session and its person's live roles; every
 * form post: its CSRF token (the session's when signed in, else the signed-out cookie's).
 */
export function registerSessionHooks(
  server: FastifyInstance,
  app: AppContext,
  secure: boolean,
): void {
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
}
