import type { FastifyInstance } from 'fastify';
import { formErrors } from '../web/forms.js';
import { z } from 'zod';
import { ValidationError } from '../lib/errors.js';
import {
  ANON_CSRF_COOKIE,
  anonymousCsrf,
  type RouteContext,
  SESSION_COOKIE,
} from '../web/route-context.js';
import { SESSION_HOURS } from './account.service.js';

/** Only local paths are followed after sign-in, so the link cannot send people elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value)
    ? value
    : '/';
}

const pendingFormSchema = z.object({
  path: z.string().max(500),
  values: z.record(z.string(), z.string().max(100_000)),
});

/** The form a person was filling in when their session ended, if the sign-in page carried it. */
function pendingForm(value: unknown) {
  if (typeof value !== 'string' || !value || value.length > 200_000) return null;
  try {
    const parsed = pendingFormSchema.safeParse(JSON.parse(value));
    return parsed.success && safeReturnTo(parsed.data.path) === parsed.data.path
      ? parsed.data
      : null;
  } catch {
    return null;
  }
}

export function registerAccountRoutes(
  server: FastifyInstance,
  { app, secure }: RouteContext,
): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  server.get('/sign-in', { config: { policy: 'public' } }, async (request, reply) => {
    const ssoCouncils = await app.transaction((trx) => app.services.oidc.councils(trx));
    return reply.render('sign-in.njk', {
      ssoAvailable: ssoCouncils.length > 0,
      title: 'Sign in',
      csrfToken: anonymousCsrf(request, reply, secure),
      returnTo: safeReturnTo((request.query as Record<string, unknown>).returnTo),
      fieldErrors: {},
    });
  });

  server.post('/sign-in', { config: { policy: 'public' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo);
    const pending = pendingForm(body.pendingForm);
    const again = async (message: string, field: 'email' | 'password', code = 400) =>
      reply.code(code).render('sign-in.njk', {
        ssoAvailable: (await app.transaction((trx) => app.services.oidc.councils(trx))).length > 0,
        title: 'Sign in',
        csrfToken: request.cookies[ANON_CSRF_COOKIE],
        returnTo,
        email,
        sessionEnded: pending !== null,
        pendingForm: pending ? JSON.stringify(pending) : '',
        pendingValues: pending ? Object.values(pending.values).filter((v) => v.trim()) : [],
        ...formErrors([{ field, text: message }]),
      });
    try {
      const result = await app.transaction(async (trx) => {
        const now = app.clock.now();
        // A session the browser brought is ended, never reused (no session fixation).
        await app.services.accounts.signOut(trx, request.cookies[SESSION_COOKIE]);
        const outcome = await app.services.accounts.signIn(
          trx,
          { email, password, address: request.ip },
          now,
        );
        if (outcome.outcome === 'signed-in' && pending) {
          await app.services.accounts.keepPendingForm(trx, outcome.token, pending);
        }
        return outcome;
      });
      if (result.outcome === 'throttled') {
        return again(
          `Too many failed attempts to sign in. Wait ${result.minutes} minute${result.minutes === 1 ? '' : 's'} and try again, or reset your password`,
          'email',
          429,
        );
      }
      if (result.outcome === 'wrong') {
        return again('Enter a correct email address and password', 'email');
      }
      void reply.setCookie(SESSION_COOKIE, result.token, {
        ...cookieOptions,
        maxAge: SESSION_HOURS * 3600,
      });
      return reply.redirect(pending?.path ?? returnTo, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const field = error.issues[0]?.path === 'password' ? 'password' : 'email';
        return again(field === 'email' ? 'Enter your email address' : 'Enter your password', field);
      }
      throw error;
    }
  });

  // Signing out is a form (POST with the CSRF token): a link or an image cannot sign anyone out.
  server.get('/sign-out', { config: { policy: 'public' } }, (request, reply) => {
    if (!request.signedIn) return reply.redirect('/sign-in');
    return reply.render('sign-out.njk', {
      title: 'Sign out',
      csrfToken: request.signedIn.session.csrfToken,
    });
  });

  server.post('/sign-out', { config: { policy: 'public' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    await app.transaction(async (trx) => {
      const signedIn = request.signedIn;
      if (signedIn && body.everywhere === 'yes') {
        await app.services.accounts.signOutEverywhere(trx, signedIn.user.id);
        await app.services.access.audit(trx, app.clock.now(), {
          kind: 'signed-out-everywhere',
          userId: signedIn.user.id,
          email: signedIn.user.email,
          address: request.ip,
        });
      } else {
        await app.services.accounts.signOut(trx, request.cookies[SESSION_COOKIE]);
      }
    });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });
}
