import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './lib/errors.js';

/**
 * Every setting the application reads from the environment, in one place.
 * README.md ("Configuration") documents each one.
 */
export interface Config {
  /** PostgreSQL server URL; when absent, an embedded PGlite database is used. */
  databaseUrl: string | null;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  port: number;
  host: string;
  environment: 'development' | 'test' | 'production';
  /** The SMTP server that sends invitation and password-reset e-mails; null: not configured. */
  smtpUrl: string | null;
  /** The sender of those e-mails. */
  mailFrom: string;
  /**
   * The address people use to reach the service, for links in e-mails (no trailing slash):
   * PUBLIC_URL, or else the address the server listens on (see publicUrlIsSet).
   */
  publicUrl: string;
  /** Whether PUBLIC_URL was set; when not, `g2g serve` makes publicUrl the address it listens on. */
  publicUrlIsSet: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe (TRUST_PROXY): none by default, so the
   * address is the connection's; else a list of addresses or CIDR ranges, or a hop count.
   */
  trustProxy: false | number | string[];
  /** How much the server logs (LOG_LEVEL): info by default, silent under the tests. */
  logLevel: (typeof LOG_LEVELS)[number];
  /** The Chromium that prints board packs as PDF (CHROMIUM_PATH). */
  chromiumPath: string;
  /**
   * How often `g2g serve` sends the e-mails that are due (MAIL_TICK_SECONDS): 60 by default,
   * 0 for never (cron runs g2g rounds tick instead); 0 under the test runner unless set.
   */
  mailTickSeconds: number;
  /**
   * After SIGTERM or SIGINT, how long `g2g serve` keeps taking requests while /ready answers
   * 503, so a load balancer stops sending before the port closes (SHUTDOWN_DRAIN_SECONDS): 0.
   */
  shutdownDrainSeconds: number;
  /**
   * How long `g2g serve` then waits for the requests in progress before it stops anyway
   * (SHUTDOWN_GRACE_SECONDS): 30.
   */
  shutdownGraceSeconds: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A whole number of seconds from `min` to `max`, with words that say so. */
function seconds(min: number, max: number) {
  const words = `must be a whole number of seconds from ${min} to ${max}`;
  return z.coerce.number(words).int(words).min(min, words).max(max, words);
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  G2G_DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must look like smtp://host:port or smtps://user:password@host')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|[0-9a-fA-F:.]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F:.]+(\/\d{1,3})?)*)$/,
      'must be a number of proxies (1) or their addresses, such as 10.0.0.5 or 10.0.0.0/8, separated by commas',
    )
    .optional(),
  CHROMIUM_PATH: z.string().min(1).optional(),
  MAIL_TICK_SECONDS: z.coerce
    .number('must be a number of seconds, such as 60, or 0 for never')
    .int('must be a whole number of seconds, such as 60, or 0 for never')
    .min(0, 'must be a number of seconds, such as 60, or 0 for never')
    .max(86_400, 'must be at most 86400 (a day)')
    .optional(),
  SHUTDOWN_DRAIN_SECONDS: seconds(0, 600).optional(),
  SHUTDOWN_GRACE_SECONDS: seconds(1, 3600).optional(),
  PUBLIC_URL: z.url('must be the service’s address, like https://g2g.council.gov.uk').optional(),
});

/** Reads the configuration from an environment (process.env by default); fails loudly on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Setting ${String(issue?.path[0])} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const port = e.PORT ?? 3000;
  const host = e.HOST ?? '127.0.0.1';
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: resolve(e.G2G_DATA_DIR ?? 'data'),
    port,
    host,
    environment: e.NODE_ENV ?? 'development',
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM ?? 'Getting to Good <no-reply@localhost>',
    publicUrl: (e.PUBLIC_URL ?? serverUrl(host, port)).replace(/\/+$/, ''),
    publicUrlIsSet: e.PUBLIC_URL !== undefined,
    // Silent under the test runner (NODE_ENV=test for its process), whatever env a test passes.
    logLevel: e.LOG_LEVEL ?? ((e.NODE_ENV ?? process.env.NODE_ENV) === 'test' ? 'silent' : 'info'),
    trustProxy: trustedProxies(e.TRUST_PROXY),
    chromiumPath: e.CHROMIUM_PATH ?? '/usr/bin/chromium',
    mailTickSeconds:
      e.MAIL_TICK_SECONDS ?? ((e.NODE_ENV ?? process.env.NODE_ENV) === 'test' ? 0 : 60),
    shutdownDrainSeconds: e.SHUTDOWN_DRAIN_SECONDS ?? 0,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS ?? 30,
  };
}

/**
 * The address of a server listening on `host` and `port`, as a browser on the same machine
 * reaches it: the loopback and "every interface" addresses are written localhost.
 */
export function serverUrl(host: string, port: number): string {
  const local = ['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function trustedProxies(setting: string | undefined): Config['trustProxy'] {
  if (!setting) return false;
  if (/^\d{1,2}$/.test(setting)) return Number(setting);
  return setting.split(',').map((s) => s.trim());
}
