import type { Command } from 'commander';
import { ValidationError } from '../../lib/errors.js';
import { isoDate } from '../../lib/schema-parts.js';
import { addWorkingDays, STATEMENT_OF_ACTION_WORKING_DAYS } from '../../lib/working-days.js';
import type { CliIo } from '../io.js';

export function registerDeadlineCommand(program: Command, io: CliIo): void {
  program
    .command('deadline')
    .description('the statement-of-action due date: N working days after the report was received')
    .requiredOption('--received <date>', 'the day the council received the report (YYYY-MM-DD)')
    .option(
      '--working-days <n>',
      'working days allowed (20 for a priority-action draft)',
      String(STATEMENT_OF_ACTION_WORKING_DAYS),
    )
    .action((options: { received: string; workingDays: string }) => {
      if (!isoDate.safeParse(options.received).success) {
        throw new ValidationError(
          [
            {
              path: '--received',
              message: `must be a real date written YYYY-MM-DD, not "${options.received}"`,
            },
          ],
          'option',
        );
      }
      const days = Number(options.workingDays);
      const due = addWorkingDays(options.received, days);
      io.out(
        `Received ${options.received}; ${days} working days (weekends and England and Wales bank holidays excluded):`,
      );
      io.out(due);
    });
}
