import {
  createReadStream,
  createWriteStream,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { AppError } from '../../lib/errors.js';
import { type CliIo, fileProblem, withApp } from '../io.js';

const SERVER_ONLY =
  'For administrators working on the server: these commands act on the database directly, ' +
  'without a sign-in. The file format is described in docs/deployment.md.';

/** `g2g backup` and `g2g restore`: the whole instance, or one council, to a file and back. */
export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('write the whole instance, or one council, to a backup file (.g2g.gz)')
    .requiredOption('--out <file>', 'the file to write, like backup-2026-12-07.g2g.gz')
    .option('--council <slug>', 'only this council: its plans, people, packs and history')
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action((options: { out: string; council?: string }) =>
      withApp(io, async (app) => {
        const { BackupService } = await import('../../backup/backup.service.js');
        const service = new BackupService();
        const partial = `${options.out}.partial`;
        const cannotWrite = (error: unknown) =>
          new AppError(`Cannot write ${options.out}: ${fileProblem(error, true)}`);
        let fd: number;
        try {
          fd = openSync(partial, 'w'); // a folder that is not there is said at once
        } catch (error) {
          throw cannotWrite(error);
        }
        const gzip = createGzip();
        const file = createWriteStream('', { fd });
        let failure: AppError | null = null;
        const failed = new Promise<never>((_, reject) => {
          file.once('error', (error) => {
            failure = cannotWrite(error);
            reject(failure);
          });
        });
        failed.catch(() => {}); // each wait below says it
        gzip.pipe(file);
        const write = async (line: string) => {
          if (failure) throw failure;
          if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), failed]);
        };
        try {
          // One transaction: the backup is one moment of the database, whatever else runs.
          const { rows } = await app.transaction((trx) =>
            service.backup(trx, { council: options.council, madeAt: app.clock.now() }, write),
          );
          gzip.end();
          await Promise.race([finished(file), failed]);
          renameSync(partial, options.out);
          const total = Object.values(rows).reduce((a, b) => a + b, 0);
          io.out(
            `Wrote ${options.out}: ${options.council ? `the council ${options.council}` : 'the whole instance'}, ` +
              `${total} rows in ${Object.keys(rows).length} tables`,
          );
        } catch (error) {
          gzip.destroy();
          file.destroy();
          rmSync(partial, { force: true });
          throw error;
        }
      }),
    );

  program
    .command('restore <file>')
    .description('restore a backup file: a whole instance into an empty database, or a council')
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action((path: string) =>
      withApp(io, async (app) => {
        readable(path);
        const { BackupService } = await import('../../backup/backup.service.js');
        const service = new BackupService();
        const problem = (error: unknown): unknown =>
          error instanceof AppError
            ? error
            : (error as NodeJS.ErrnoException).code?.startsWith('Z_')
              ? new AppError(
                  `${path} is not a g2g backup, or it is damaged (it does not unpack); nothing ` +
                    'was restored',
                )
              : (error as NodeJS.ErrnoException).code?.startsWith('E')
                ? new AppError(`Cannot read ${path}: ${fileProblem(error)}`)
                : error;
        // A failure reading or unpacking the file ends the restore's reading with that error,
        // so its transaction rolls back: every row of the backup, or none.
        const unpacked = pipeline(createReadStream(path), createGunzip(), () => {});
        // Unpacking runs off the main thread: a damaged file's error can arrive after the
        // restore has stopped reading and the pipeline has let go of the stream. It is
        // reported by the reading below (or no longer matters), never left uncaught.
        unpacked.on('error', () => {});
        unpacked.setEncoding('utf8');
        try {
          const result = await app.transaction((trx) => service.restore(trx, linesOf(unpacked)));
          const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
          io.out(
            `Restored ${result.council ? `${result.council.name} (${result.council.slug})` : 'the whole instance'}: ` +
              `${total} rows in ${Object.keys(result.rows).length} tables`,
          );
        } catch (error) {
          throw problem(error);
        } finally {
          unpacked.destroy();
        }
      }),
    );
}

/** The lines of a text stream; a failure of the stream is thrown where they are read. */
async function* linesOf(stream: AsyncIterable<string>): AsyncIterable<string> {
  let rest = '';
  for await (const chunk of stream) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  if (rest !== '') yield rest;
}

function readable(path: string): void {
  try {
    if (statSync(path).isDirectory()) {
      throw new AppError(`Cannot read ${path}: it is a folder, not a file`);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(`Cannot read ${path}: ${fileProblem(error)}`);
  }
}
