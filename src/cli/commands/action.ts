import type { Command } from 'commander';
import { AppError } from '../../lib/errors.js';
import { describeFuzzyDate, parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { cliActor, type CliIo, withApp } from '../io.js';

/** g2g action: changes to one action of a plan, for scripting. */
export function registerActionCommands(program: Command, io: CliIo): void {
  const action = program.command('action').description("change one of a plan's actions");
  action
    .command('set-due <plan> <action> <due>')
    .description('move an action’s due date (kept in its history as slippage, with the reason)')
    .requiredOption('--reason <text>', 'why the due date moves')
    .option('--actor <name>', 'who to record as making the change')
    .action((planId: string, actionId: string, due: string, options: SetDueOptions) =>
      withApp(io, async (app) => {
        if (!options.reason.trim()) throw new AppError('Give the reason for the change (--reason)');
        if (parseFuzzyDate(due).kind === 'unknown')
          throw new AppError(`“${due}” is not a due date g2g understands, such as "End June 2026"`);
        const row = await app.transaction((trx) =>
          app.services.content.update(
            trx,
            app.changeBy(cliActor(io, options.actor), options.reason.trim()),
            planId,
            'action',
            actionId,
            { due },
          ),
        );
        const saved = row.due as Parameters<typeof describeFuzzyDate>[0];
        io.out(`Action ${row.id} is now due ${describeFuzzyDate(saved)}`);
      }),
    );
}

interface SetDueOptions {
  reason: string;
  actor?: string;
}
