import type { Command } from 'commander';
import { AppError } from '../../lib/errors.js';
import { cliActor, type CliIo, readInputFile, withApp } from '../io.js';

// g2g measure import: a CSV file of measure values, read and checked by the same code as
// the web's upload. Every row's problem is printed (line, column, what to do); a file with
// any problem saves nothing (exit 1), so a script never half-loads a month's figures.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function registerMeasureCommands(program: Command, io: CliIo): void {
  const measure = program.command('measure').description("work with a plan's measures");
  measure
    .command('import <file>')
    .description(
      'add or correct measure values from a CSV file (header measure,period,value; optionally series, provisional, note)',
    )
    .requiredOption('--plan <id>', 'the plan the measures belong to')
    .option('--dry-run', 'read and check the file but save nothing')
    .option('--actor <name>', 'who to record as entering the values')
    .action(async (file: string, options: { plan: string; dryRun?: boolean; actor?: string }) => {
      const { MAX_UPLOAD_BYTES } = await import('../../web/uploads.js');
      const bytes = readInputFile(file, MAX_UPLOAD_BYTES);
      return withApp(io, (app) =>
        app.transaction(async (trx) => {
          await app.services.plans.get(trx, options.plan);
          const checked = await app.services.valueUploads.check(trx, options.plan, bytes);
          if (checked.kind === 'unreadable') throw new AppError(`${file}: ${checked.message}`);
          for (const p of checked.problems) {
            io.err(`line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
          }
          const rows = plural(checked.entries.length, 'row');
          if (checked.problems.length) {
            throw new AppError(
              `${file} has ${plural(checked.problems.length, 'problem')}, so nothing was saved (${rows} without problems); mend the rows above and run it again`,
            );
          }
          if (options.dryRun) {
            io.out(`Dry run: nothing saved. ${rows} can be saved, with no problems`);
            return;
          }
          const actor = cliActor(io, options.actor);
          const saved = await app.services.valueUploads.save(
            trx,
            app.changeBy(actor),
            options.plan,
            checked.entries,
            actor,
          );
          io.out(
            `Saved ${plural(saved.added, 'new value')}, ${plural(saved.corrected, 'correction')}; ${saved.unchanged} unchanged`,
          );
        }),
      );
    });
}
