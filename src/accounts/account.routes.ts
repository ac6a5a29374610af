import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../lib/errors.js';
import { ANON_CSRF_COOKIE, type RouteContext, SESSION_COOKIE } from '../web/server.js';
import { SESSION_HOURS } from './account.service.js';

/** Only local paths are followed after sign-in, so the link cannot send people elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/plans';
}

export function registerAccountRoutes(
  server: FastifyInstance,
  { app, secure }: RouteContext,
): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  server.get('/sign-in', (request, reply) => {
    const token = request.cookies[ANON_CSRF_COOKIE] ?? randomBytes(24).toString('base64url');
    void reply.setCookie(ANON_CSRF_COOKIE, token, cookieOptions);
    return reply.render('sign-in.njk', {
      title: 'Sign in',
      csrfToken: token,
      returnTo: safeReturnTo((request.query as Record<string, unknown>).returnTo),
      fieldErrors: {},
    });
  });

  server.post('/sign-in', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo);
    const again = (message: string, field: 'email' | 'password') =>
      reply.code(400).render('sign-in.njk', {
        title: 'Sign in',
        csrfToken: request.cookies[ANON_CSRF_COOKIE],
        returnTo,
        email,
        errors: [{ text: message, href: `#${field}` }],
        fieldErrors: { [field]: { text: message } },
      });
    try {
      const result = await app.transaction((trx) =>
        app.services.accounts.signIn(trx, email, password, app.clock.now()),
      );
      if (!result) return again('Enter a correct email address and password', 'email');
      void reply.setCookie(SESSION_COOKIE, result.token, {
        ...cookieOptions,
        maxAge: SESSION_HOURS * 3600,
      });
      return reply.redirect(returnTo, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const field = error.issues[0]?.path === 'password' ? 'password' : 'email';
        return again(field === 'email' ? 'Enter your email address' : 'Enter your password', field);
      }
      throw error;
    }
  });

  server.get('/sign-out', async (request, reply) => {
    await app.transaction((trx) =>
      app.services.accounts.signOut(trx, request.cookies[SESSION_COOKIE]),
    );
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });
}
