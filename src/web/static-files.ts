import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { govukDist } from './views.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Where GOV.UK Frontend's files and our browser script are served from (no session needed). */
export const STATIC_PREFIXES = ['/assets/', '/stylesheets/', '/javascripts/'];

/** GOV.UK Frontend's assets, styles and script, and our own browser scripts, served as files. */
export async function registerStaticFiles(server: FastifyInstance): Promise<void> {
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
}
