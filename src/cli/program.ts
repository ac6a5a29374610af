import { Command, CommanderError } from 'commander';
import { AppError } from '../lib/errors.js';
import type { CliIo } from './io.js';
import { registerDeadlineCommand } from './commands/deadline.js';
import { registerImportCommand } from './commands/import.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerPlanCommands } from './commands/plan.js';
import { registerServeCommand } from './commands/serve.js';
import { registerCouncilCommands } from './commands/council.js';
import { registerUserCommands } from './commands/user.js';
import { registerSsoCommands } from './commands/sso.js';

/** Runs the g2g command line with `args` (without node and script); resolves to the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const program = new Command('g2g')
    .description(
      "Getting to Good: post-inspection improvement plans for councils' children's services",
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(add --help for usage)');
  registerMigrateCommand(program, io);
  registerPlanCommands(program, io);
  registerImportCommand(program, io);
  registerDeadlineCommand(program, io);
  registerServeCommand(program, io);
  registerCouncilCommands(program, io);
  registerUserCommands(program, io);
  registerSsoCommands(program, io); // after the council commands, which it joins
  for (const command of program.commands) inheritSettings(command, io);

  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`g2g: ${oneLine(error)}`);
    return error instanceof AppError ? 1 : 2;
  }
}

function inheritSettings(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({
    writeOut: (s) => io.out(s.trimEnd()),
    writeErr: (s) => io.err(s.trimEnd()),
  });
  for (const sub of command.commands) inheritSettings(sub, io);
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'unknown error';
}
