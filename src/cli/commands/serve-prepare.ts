import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext, ContextOptions } from '../../composition.js';
import type { Config } from '../../config.js';
import { ConfigError } from '../../lib/errors.js';

/** What the preparing process sends back: the demo plans it loaded, or why it failed. */
export type PrepareAnswer = { loaded: number } | { error: { name: string; message: string } };

/** What the preparing process is asked to do. */
export interface PrepareRequest {
  config: Config;
  demo: boolean;
}

/**
 * Opens the application for `g2g serve`, the demo plans loaded when `demo` asks for them.
 * The one-off work of a database that is not ready (creating the embedded one, migrating,
 * loading the demo) runs in a short-lived child process, because the memory it takes is
 * never given back: the embedded database's WebAssembly memory only grows, and the demo's
 * import passes through the JavaScript heap. The server then opens a database that is ready,
 * at about half the resident memory. Errors there reach the person as they would here.
 */
export async function openForServing(
  config: Config,
  options: ContextOptions,
  demo: boolean,
): Promise<{ app: AppContext; loaded: number }> {
  const { createAppContext } = await import('../../composition.js');
  const { loadDemoData, needsDemoData } = await import('../../demo/demo-data.js');
  if (options.open) {
    // A database the caller made (tests): nothing to prepare apart, all in this process.
    const app = await createAppContext(config, options);
    try {
      return { app, loaded: demo ? await loadDemoData(app) : 0 };
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    const loaded = await prepareInChild({ config, demo });
    return { app: await createAppContext(config, options), loaded };
  }
  const { openDatabase } = await import('../../db/database.js');
  const { pendingMigrations } = await import('../../db/migrate.js');
  const database = await openDatabase(config);
  let pending: string[];
  try {
    pending = await pendingMigrations(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  if (pending.length > 0) {
    await database.close();
    const loaded = await prepareInChild({ config, demo });
    return { app: await createAppContext(config, options), loaded };
  }
  const app = await createAppContext(config, { ...options, database });
  let needed: boolean;
  try {
    needed = demo && (await needsDemoData(app));
  } catch (error) {
    await app.close();
    throw error;
  }
  if (!needed) return { app, loaded: 0 };
  // The embedded database is one process's at a time: this one lets go while the child works.
  await app.close();
  const loaded = await prepareInChild({ config, demo });
  return { app: await createAppContext(config, options), loaded };
}

/**
 * Runs serve-prepare-child in a process of its own and waits for it to end; resolves to the
 * number of demo plans it loaded, or throws its error with the same words.
 */
export async function prepareInChild(request: PrepareRequest): Promise<number> {
  // From the sources (tests, npm run g2g) through tsx, as this file is; else the build.
  const fromSources = import.meta.url.endsWith('.ts');
  const child = fork(
    new URL(`./serve-prepare-child.${fromSources ? 'ts' : 'js'}`, import.meta.url),
    [],
    {
      execArgv: fromSources ? ['--import', 'tsx'] : [],
      // Whatever it prints (a warning from Node) goes where this process's own would.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const answer = await new Promise<PrepareAnswer | null>((resolve, reject) => {
    let got: PrepareAnswer | null = null;
    child.once('message', (message) => (got = message as PrepareAnswer));
    child.once('error', reject);
    child.once('exit', () => resolve(got));
    child.send(request);
  });
  if (answer && 'loaded' in answer) return answer.loaded;
  if (answer) {
    throw answer.error.name === 'ConfigError'
      ? new ConfigError(answer.error.message)
      : new Error(answer.error.message);
  }
  throw new ConfigError(
    'Preparing the database stopped before it finished (its process ended without answering): start g2g serve again.',
  );
}
