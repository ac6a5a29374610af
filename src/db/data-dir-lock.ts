import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../lib/errors.js';

export interface DataDirLock {
  release(): void;
}

/**
 * Embedded PGlite must have one process at a time on its files, or they corrupt.
 * A lock file holding our pid keeps a second g2g (a CLI run beside `g2g serve`) out;
 * a lock left by a process that has died is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'g2g.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && isAlive(holder)) {
        throw new ConfigError(
          `The embedded database in ${dataDir} is in use by another g2g process (pid ${holder}). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new ConfigError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
