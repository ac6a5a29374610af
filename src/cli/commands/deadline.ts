import type { Command } from 'commander';
import { addWorkingDays, STATEMENT_OF_ACTION_WORKING_DAYS } from '../../lib/working-days.js';
import type { CliIo } from '../io.js';
import { dateOption, integerOption } from '../usage.js';

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
      const received = dateOption('--received', options.received);
      const days = integerOption('--working-days', options.workingDays, 1, 1000);
      const due = addWorkingDays(received, days);
      io.out(
        `Received ${received}; ${days} working days (weekends and England and Wales bank holidays excluded):`,
      );
      io.out(due);
    });
}
