import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, ValidationError } from '../lib/errors.js';
import { publicCsrf, SESSION_COOKIE, type RouteContext } from '../web/route-context.js';
import { SESSION_HOURS } from './account.service.js';
import type { LinkProblem } from './one-time-link.js';
import { PASSWORD_HINT } from './password-policy.js';
import { formErrors, formValues } from '../web/forms.js';
import { userAdminServices } from './user-admin.services.js';

type LinkKind = 'invitation' | 'reset';

/** What each unusable link's page says, and what to do next. */
const PROBLEMS: Record<LinkKind, Record<LinkProblem, { heading: string; paragraphs: string[] }>> = {
  invitation: {
    expired: {
      heading: 'This invitation has expired',
      paragraphs: [
        'Invitation links work for 7 days.',
        'Ask an administrator of your council to invite you again: they can do it from the council’s list of people.',
      ],
    },
    used: {
      heading: 'This invitation has already been used',
      paragraphs: [
        'Each invitation link works once. If you chose a password with it, sign in with your email address and that password.',
        'If you do not remember your password, you can reset it.',
      ],
    },
    invalid: {
      heading: 'This invitation link does not work',
      paragraphs: [
        'Check you copied the whole link from the email.',
        'If it still does not work, ask an administrator of your council to invite you again.',
      ],
    },
  },
  reset: {
    expired: {
      heading: 'This password reset link has expired',
      paragraphs: ['Password reset links work for 1 hour. Ask for a new link.'],
    },
    used: {
      heading: 'This password reset link has already been used',
      paragraphs: [
        'Each link works once. If you chose a new password with it, sign in with it. Otherwise ask for a new link.',
      ],
    },
    invalid: {
      heading: 'This password reset link does not work',
      paragraphs: ['Check you copied the whole link from the email, or ask for a new link.'],
    },
  },
};

/** Following an e-mailed link: accept an invitation, or reset a password. */
export function registerPasswordLinkRoutes(
  server: FastifyInstance,
  { app, secure }: RouteContext,
): void {
  const services = userAdminServices(app);

  function problemPage(reply: FastifyReply, kind: LinkKind, problem: LinkProblem) {
    const page = PROBLEMS[kind][problem];
    const next =
      problem === 'used'
        ? { nextHref: '/sign-in', nextText: 'Sign in' }
        : kind === 'reset'
          ? { nextHref: '/password-reset', nextText: 'Ask for a new link' }
          : { nextHref: '/sign-in', nextText: 'Go to sign in' };
    return reply
      .code(problem === 'invalid' ? 404 : 410)
      .render('link-problem.njk', { title: page.heading, ...page, ...next });
  }

  const FORMS = {
    invitation: {
      title: 'Choose your password',
      heading: 'Choose your password',
      intro: (email: string) =>
        `You have been invited to Getting to Good. You will sign in with your email address, ${email}, and this password.`,
      button: 'Save password and sign in',
      path: (token: string) => `/invitations/${token}`,
    },
    reset: {
      title: 'Choose a new password',
      heading: 'Choose a new password',
      intro: (email: string) =>
        `Choose a new password for ${email}. Saving it signs you out on every other device.`,
      button: 'Save new password',
      path: (token: string) => `/password-reset/${token}`,
    },
  };

  function form(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: LinkKind,
    token: string,
    email: string,
  ) {
    const page = FORMS[kind];
    return {
      title: page.title,
      heading: page.heading,
      intro: page.intro(email),
      button: page.button,
      action: page.path(token),
      hint: PASSWORD_HINT,
      csrfToken: publicCsrf(request, reply, secure),
      fieldErrors: {},
    };
  }

  const check = (kind: LinkKind, token: string) =>
    app.transaction((trx) =>
      kind === 'invitation'
        ? services.invitations.check(trx, token, app.clock.now())
        : services.resets.check(trx, token, app.clock.now()),
    );

  for (const [kind, url] of [
    ['invitation', '/invitations/:token'],
    ['reset', '/password-reset/:token'],
  ] as const) {
    server.get(url, { config: { policy: 'public' } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const checked = await check(kind, token);
      if (!checked.ok) return problemPage(reply, kind, checked.problem);
      return reply.render(
        'choose-password.njk',
        form(request, reply, kind, token, checked.user.email),
      );
    });

    server.post(url, { config: { policy: 'public' } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const password = formValues(request).password ?? '';
      try {
        const result = await app.transaction(async (trx) => {
          const now = app.clock.now();
          // Whoever was signed in on this browser is signed out first (no session fixation).
          await app.services.accounts.signOut(trx, request.cookies[SESSION_COOKIE]);
          const context = { now, address: request.ip };
          return kind === 'invitation'
            ? services.invitations.accept(trx, token, password, context)
            : services.resets.reset(trx, token, password, context);
        });
        if (!result.ok || !result.session) {
          return problemPage(reply, kind, result.ok ? 'invalid' : result.problem);
        }
        void reply.setCookie(SESSION_COOKIE, result.session, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: SESSION_HOURS * 3600,
        });
        return reply.redirect('/', 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const checked = await check(kind, token);
        if (!checked.ok) return problemPage(reply, kind, checked.problem);
        const message = error.issues[0]?.message ?? 'Enter a password';
        return reply.code(400).render('choose-password.njk', {
          ...form(request, reply, kind, token, checked.user.email),
          ...formErrors([{ field: 'password', text: message }]),
        });
      }
    });
  }

  server.get('/password-reset', { config: { policy: 'public' } }, (request, reply) =>
    reply.render('password-reset-request.njk', {
      title: 'Reset your password',
      csrfToken: publicCsrf(request, reply, secure),
      fieldErrors: {},
    }),
  );

  server.post('/password-reset', { config: { policy: 'public' } }, async (request, reply) => {
    const email = (formValues(request).email ?? '').trim();
    const again = (code: number, message: string) =>
      reply.code(code).render('password-reset-request.njk', {
        title: 'Reset your password',
        csrfToken: publicCsrf(request, reply, secure),
        email,
        ...formErrors([{ field: 'email', text: message }]),
      });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) {
      return again(400, 'Enter an email address in the correct format, like name@council.gov.uk');
    }
    try {
      const { outcome, mail } = await app.transaction((trx) =>
        services.resets.request(trx, { email, address: request.ip }, app.clock.now()),
      );
      // After the answer: its timing, and any mail failure, are the same whoever asked.
      if (mail) {
        setImmediate(() => {
          services.resets.deliver(mail).catch((error: unknown) => request.log.error(error));
        });
      }
      if (outcome === 'throttled') {
        return again(
          429,
          'Too many requests to reset a password. Wait 15 minutes and try again, or ask an administrator of your council',
        );
      }
    } catch (error) {
      if (error instanceof ConfigError) return again(503, error.message);
      throw error;
    }
    return reply.render('password-reset-sent.njk', { title: 'Check your email', email });
  });
}
