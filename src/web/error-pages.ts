import type { FastifyInstance } from 'fastify';
import { ForbiddenError, NotFoundError } from '../lib/errors.js';
import { SignInRequired } from './guard.js';
import { sessionEnded } from './route-context.js';

/** The pages for a missing page, a refusal, a request we cannot use and our own failure. */
export function registerErrorPages(server: FastifyInstance): void {
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
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).render('error.njk', {
      title: 'Sorry, there is a problem with the service',
      heading: 'Sorry, there is a problem with the service',
      message: 'Try again later. Nothing you entered has been saved.',
      reference: request.id,
    });
  });
}
