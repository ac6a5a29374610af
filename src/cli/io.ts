import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { AppContext, ContextOptions } from '../composition.js';
import { AppError } from '../lib/errors.js';
import { inOptionWords } from './usage.js';

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

/**
 * Opens the application for one command and always closes it. `options` names the command
 * line options that set the services' fields, so that a refusal names what the person typed
 * (`--until`, not `expiresAt`).
 */
export async function withApp<T>(
  io: CliIo,
  work: (app: AppContext) => Promise<T>,
  options: Record<string, string> = {},
): Promise<T> {
  // Loaded here, not at start-up: a command that needs no database (help, deadline, a dry
  // run) never loads the application.
  const { createAppContext } = await import('../composition.js');
  const { loadConfig } = await import('../config.js');
  const app = await createAppContext(loadConfig(io.env), io.context);
  try {
    return await work(app);
  } catch (error) {
    throw inOptionWords(error, options);
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

/** Why a file could not be read or written, in words (not "ENOENT"). */
export function fileProblem(error: unknown, writing = false): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return writing ? 'its folder does not exist' : 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return `you do not have permission to ${writing ? 'write' : 'read'} it`;
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'part of its path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Reads a file named on the command line; a failure says which file and why, in words. */
export function readInputFile(file: string, maxBytes?: number): Buffer {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new AppError(`Cannot read ${file}: it is a folder, not a file`);
    const size = stat.size;
    if (maxBytes !== undefined && size > maxBytes) {
      throw new AppError(
        `${file} is ${Math.round(size / 1024 / 1024)} MB; the most that can be imported is ${maxBytes / 1024 / 1024} MB`,
      );
    }
    return readFileSync(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(`Cannot read ${file}: ${fileProblem(error)}`);
  }
}
