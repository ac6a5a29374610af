import { userInfo } from 'node:os';
import type { AppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { createAppContext, type ContextOptions } from '../composition.js';

/** Where a CLI run writes and what it may read; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Options for the composition root (tests inject a clock or a database). */
  context?: ContextOptions;
  /** Called with the running server so tests can stop it. */
  onServe?: (stop: () => Promise<void>, url: string) => void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/** Opens the application for one command and always closes it. */
export async function withApp<T>(io: CliIo, work: (app: AppContext) => Promise<T>): Promise<T> {
  const app = await createAppContext(loadConfig(io.env), io.context);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** Who the CLI records as making changes: --actor, G2G_ACTOR, or the login name. */
export function cliActor(io: CliIo, option?: string): string {
  if (option) return option;
  if (io.env.G2G_ACTOR) return io.env.G2G_ACTOR;
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Reads "YYYY-MM-DD" or an ISO instant; a bare date means the end of that day. */
export function asAtInstant(value: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  const date = new Date(instant);
  if (Number.isNaN(date.getTime()))
    throw new Error(`--as-at must be a date like 2018-04-30, not "${value}"`);
  return date.toISOString();
}
