import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config.js';
import { randomText } from '../lib/random-pool.js';

/** Where the server's log lines go: standard output by default; a test passes a stream. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * Fastify's own logger (pino), one JSON line per request and one per failure. Nothing a
 * person typed and no secret is logged: not the query string (it can carry a return address
 * or a sign-in code), no cookie, no header, and path segments that are one-time tokens are
 * written `[token]`.
 */
export function loggerOptions(
  config: Config,
  stream?: LogDestination,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController'> {
  return {
    logger: {
      level: config.logLevel,
      ...(stream ? { stream } : {}),
      serializers: {
        req: (request: { method?: string; url?: string }) => ({
          method: request.method,
          url: loggablePath(request.url ?? ''),
        }),
        res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    // Unique across server processes, short enough to read out on the telephone.
    genReqId: () => randomText(5, 'hex'),
    // Fastify's own two lines per request are off: registerRequestLog writes one instead.
    logController: new LogController({ disableRequestLogging: true }),
  };
}

/** The path of a URL without its query, with one-time tokens blanked. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/\/(invitations|password-reset)\/[^/]+/g, '/$1/[token]');
}

const QUIET_LEVELS = new Set(['silent', 'fatal', 'error', 'warn']);

/** One line per request, written when its response has been sent. */
export function registerRequestLog(server: FastifyInstance): void {
  server.addHook('onResponse', (request, reply, done) => {
    // Nothing to make when request lines are not written (LOG_LEVEL warn or quieter).
    if (QUIET_LEVELS.has(request.log.level)) return done();
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        url: loggablePath(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
}

/**
 * A NUL character anywhere in the address or a form (`%00`) is refused as a bad request
 * before any route sees it: PostgreSQL cannot store one in text, and no person types one.
 */
export function refuseNulCharacters(server: FastifyInstance): void {
  server.addHook('preValidation', (request, _reply, done) => {
    if (/%00/i.test(request.url) || hasNul(request.params) || hasNul(request.body)) {
      done(Object.assign(new Error('NUL character in the request'), { statusCode: 400 }));
    } else done();
  });
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 4 || !value || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}
