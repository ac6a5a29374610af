import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedIn } from '../accounts/account.service.js';
import type { Actor } from '../access/policy.js';
import type { AppContext } from '../composition.js';
import type { RoutePolicy } from './guard.js';

// What every route module takes from the web shell: the route context, the cookies, the
// CSRF tokens and the form kept across a sign-in. The server (server.ts) uses the same
// pieces; route modules never import the server itself.

declare module 'fastify' {
  interface FastifyRequest {
    signedIn: SignedIn | null;
    /** The signed-in person with their live roles, for the policy checks. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route with the policy it declares (for the route table test). */
    routeTable: Array<{ method: string; url: string; policy: RoutePolicy }>;
    /** Whether cookies are sent only over HTTPS (in production). */
    secureCookies: boolean;
  }
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply;
    /**
     * Renders `template` once for `madeFrom` (a value kept elsewhere until it is out of date,
     * compared by identity) and the rest of `context` and the person, and then sends the same
     * bytes (compressed when the client accepts it) until `madeFrom` is replaced. `fresh`
     * values (a form's once-only token) are new on every view: they are filled in as it is sent.
     */
    renderKept(
      template: string,
      context: Record<string, unknown>,
      madeFrom: object,
      fresh?: Record<string, string>,
    ): FastifyReply;
    /**
     * Renders `template` around a body rendered before (`made.body`, output as is). The page
     * around it is kept per template, values and person, and the whole page as bytes per
     * `made` (by identity), so a repeat view of a kept body costs no rendering or encoding.
     */
    renderAround(
      template: string,
      context: Record<string, unknown>,
      made: { body: string },
    ): FastifyReply;
  }
}

export const SESSION_COOKIE = 'g2g_session';
export const ANON_CSRF_COOKIE = 'g2g_csrf';

export interface RouteContext {
  app: AppContext;
  secure: boolean;
  /** Renders a template that is part of a page (escaped like every page) to a string. */
  renderPartial: (template: string, values: Record<string, unknown>) => string;
}

/** A signed-out visitor's CSRF token: the double-submit cookie's, set now if it is new. */
export function anonymousCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): string {
  const token = request.cookies[ANON_CSRF_COOKIE] ?? randomBytes(24).toString('base64url');
  void reply.setCookie(ANON_CSRF_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
  return token;
}

/**
 * The CSRF token for a form that signed-out people fill in (invitation, password reset): the
 * session's if signed in, else the double-submit cookie's. A session cookie whose session has
 * ended is dropped, so the form is not taken for one sent after its session ended.
 */
export function publicCsrf(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  if (request.signedIn) return request.signedIn.session.csrfToken;
  if (request.cookies[SESSION_COOKIE]) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return anonymousCsrf(request, reply, secure);
}

/**
 * A form posted without a live session: nothing is saved, and the sign-in page carries what
 * was typed so that, once signed in, the same form opens again filled in (see pendingFormFor).
 */
export function sessionEnded(request: FastifyRequest, reply: FastifyReply) {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(
    Object.entries(body).filter(
      (e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string',
    ),
  );
  const path = request.url.split('?')[0] ?? '/';
  return reply.code(401).render('sign-in.njk', {
    title: 'Sign in',
    csrfToken: anonymousCsrf(request, reply, request.server.secureCookies),
    returnTo: path,
    sessionEnded: true,
    pendingForm: JSON.stringify({ path, values }),
    pendingValues: Object.values(values).filter((v) => v.trim()),
    fieldErrors: {},
  });
}

/** The values of a form that was sent after its session ended, once, for the page at `path`. */
export async function pendingFormFor(
  app: AppContext,
  request: FastifyRequest,
  path: string,
): Promise<Record<string, string> | null> {
  const session = request.signedIn?.session;
  if (!session?.pendingForm) return null;
  const form = await app.transaction((trx) =>
    app.services.accounts.takePendingForm(trx, session, path),
  );
  return form?.values ?? null;
}
