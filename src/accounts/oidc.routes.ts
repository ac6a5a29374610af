import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../lib/errors.js';
import { type RouteContext, SESSION_COOKIE } from '../web/route-context.js';
import { safeReturnTo } from './account.routes.js';
import { SESSION_HOURS } from './account.service.js';
import type { CouncilSso } from './oidc.repository.js';
import { SSO_MINUTES, ssoRedirectUri } from './oidc.service.js';

/** The browser's key to its sign-in in progress (the checks themselves stay in the database). */
export const SSO_COOKIE = 'g2g_sso';

/** Why the exchange failed, for the audit log: openid-client's message and its cause's. */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  // An error the provider returned (AuthorizationResponseError) carries its OAuth code.
  const code = 'error' in error && typeof error.error === 'string' ? ` (${error.error})` : '';
  return `${error.message}${cause}${code}`.slice(0, 300);
}

/** Single sign-on with a council's OpenID Connect provider (issue 5). */
export function registerOidcRoutes(server: FastifyInstance, { app, secure }: RouteContext): void {
  const oidc = app.services.oidc;
  const flowCookie = { path: '/sign-in/', httpOnly: true, sameSite: 'lax' as const, secure };
  // The address registered with each council's provider (set once the server listens).
  const redirectUri = (slug: string) => ssoRedirectUri(app.config.publicUrl, slug);

  /** The explicit check of these public routes: the council exists and has single sign-on on. */
  async function councilWithSso(request: FastifyRequest): Promise<CouncilSso> {
    const { councilSlug } = request.params as { councilSlug: string };
    const council = await app.transaction((trx) => oidc.enabledFor(trx, councilSlug));
    if (!council)
      throw new NotFoundError('There is no such council, or it does not use single sign-on');
    return council;
  }

  const problem = (
    reply: FastifyReply,
    code: number,
    page: { heading: string; paragraphs: string[]; council: CouncilSso; returnTo: string },
  ) =>
    reply.code(code).render('sso-problem.njk', {
      title: page.heading,
      ...page,
      retryHref: `/sign-in/${page.council.slug}/sso?returnTo=${encodeURIComponent(page.returnTo)}`,
    });

  server.get('/sign-in/sso', { config: { policy: 'public' } }, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo);
    const councils = await app.transaction((trx) => oidc.councils(trx));
    return reply.render('sso-councils.njk', {
      title: 'Sign in with your council account',
      councils: councils.map((c) => ({
        name: c.name,
        href: `/sign-in/${c.slug}/sso?returnTo=${encodeURIComponent(returnTo)}`,
      })),
      passwordHref: `/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
    });
  });

  // Starts the flow: remembers state, nonce and PKCE verifier, then sends the browser to the provider.
  server.get(
    '/sign-in/:councilSlug/sso',
    { config: { policy: 'public' } },
    async (request, reply) => {
      const council = await councilWithSso(request);
      const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo);
      let start;
      try {
        start = await oidc.authorizationRequest(council, redirectUri(council.slug));
      } catch (error) {
        request.log.warn({ err: error, issuer: council.issuer }, 'OpenID provider unreachable');
        return problem(reply, 502, {
          heading: `${council.name}’s sign-in service is not responding`,
          paragraphs: [
            'Try again in a few minutes, or sign in with your email address and password if you have one.',
          ],
          council,
          returnTo,
        });
      }
      const key = await app.transaction((trx) =>
        oidc.keepSignIn(trx, council, start.checks, returnTo, app.clock.now()),
      );
      void reply.setCookie(SSO_COOKIE, key, { ...flowCookie, maxAge: SSO_MINUTES * 60 });
      return reply.redirect(start.url.href, 303);
    },
  );

  // The provider sends the browser back here with a code; state, nonce and PKCE are checked.
  server.get(
    '/sign-in/:councilSlug/sso/callback',
    { config: { policy: 'public' } },
    async (request, reply) => {
      const council = await councilWithSso(request);
      const now = app.clock.now();
      const address = request.ip;
      const kept = await app.transaction((trx) =>
        oidc.takeSignIn(trx, council, request.cookies[SSO_COOKIE], now),
      );
      void reply.clearCookie(SSO_COOKIE, { path: flowCookie.path });
      // The provider's own refusal (the person cancelled, or is not allowed to use the app).
      const providerError = (request.query as Record<string, unknown>).error;
      const tryAgain = (reason: string, returnTo: string) =>
        app
          .transaction((trx) => oidc.failed(trx, council, reason, now, address))
          .then(() =>
            problem(reply, 400, {
              heading: 'Signing in with your council account did not work',
              paragraphs: [
                kept && typeof providerError === 'string'
                  ? `${council.name}’s sign-in service did not sign you in: you may have cancelled, or your account may not be allowed to use this service. Nothing has changed.`
                  : 'The sign-in took too long, was already used, or was started in another browser. Nothing has changed.',
                'Try again from the start, or ask your council’s administrator if this keeps happening.',
              ],
              council,
              returnTo,
            }),
          );
      if (!kept)
        return tryAgain('no sign-in in progress (expired, used or from another browser)', '/');

      const callbackUrl = new URL(redirectUri(council.slug));
      callbackUrl.search = new URL(request.url, 'http://local').search;
      let claims;
      try {
        claims = await oidc.exchange(council, callbackUrl, kept);
      } catch (error) {
        return tryAgain(failureReason(error), kept.returnTo);
      }

      const outcome = await app.transaction(async (trx) => {
        const result = await oidc.signIn(trx, council, claims, {
          now,
          address,
          returnTo: kept.returnTo,
        });
        // A session the browser brought is ended, never reused (no session fixation).
        if (result.outcome === 'signed-in') {
          await app.services.accounts.signOut(trx, request.cookies[SESSION_COOKIE]);
        }
        return result;
      });
      if (outcome.outcome !== 'signed-in') {
        const who = outcome.outcome === 'not-invited' && outcome.email ? outcome.email : null;
        return problem(reply, 403, {
          heading: 'Ask your council’s administrator to invite you',
          paragraphs: [
            who
              ? `${council.name}’s sign-in service says you are ${who}, but that email address has not been invited to this service by ${council.name}.`
              : `${council.name}’s sign-in service did not give a verified email address for you, so we cannot tell who you are on this service.`,
            `Ask your council’s administrator to invite you. Once invited, sign in with your council account again.`,
          ],
          council,
          returnTo: kept.returnTo,
        });
      }
      void reply.setCookie(SESSION_COOKIE, outcome.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: SESSION_HOURS * 3600,
      });
      return reply.redirect(outcome.returnTo, 303);
    },
  );
}
