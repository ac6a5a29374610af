import { Command, CommanderError } from 'commander';
import type { CliIo } from './io.js';
import { registerDeadlineCommand } from './commands/deadline.js';
import { registerImportCommand } from './commands/import.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerPlanCommands } from './commands/plan.js';
import { registerServeCommand } from './commands/serve.js';
import { registerCouncilCommands } from './commands/council.js';
import { registerUserCommands } from './commands/user.js';
import { registerSsoCommands } from './commands/sso.js';
import { registerReportCommands } from './commands/report.js';
import { registerRoundCommands } from './commands/rounds.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerMeasureCommands } from './commands/measure.js';
import { registerActionCommands } from './commands/action.js';
import { registerDevCommands } from './commands/dev.js';
import { commanderProblem, isCommanderExit, UsageError, usageHint } from './usage.js';

/** Commander stopped: at --help (exit 0), or at a command line it could not use. */
class CommanderStop extends Error {
  constructor(
    readonly error: CommanderError,
    readonly command: Command,
  ) {
    super(error.message);
  }
}

/**
 * Runs the g2g command line with `args` (without node and script); resolves to the exit code.
 * Every error is one line on stderr starting "g2g:": wrong usage (exit 2) ends with a usage
 * hint; a failure (exit 1) says what went wrong in words.
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const program = new Command('g2g').description(
    "Getting to Good: post-inspection improvement plans for councils' children's services",
  );
  registerMigrateCommand(program, io);
  registerPlanCommands(program, io);
  registerImportCommand(program, io);
  registerDeadlineCommand(program, io);
  registerRoundCommands(program, io);
  registerMeasureCommands(program, io);
  registerActionCommands(program, io);
  registerServeCommand(program, io);
  registerCouncilCommands(program, io);
  registerUserCommands(program, io);
  registerSsoCommands(program, io); // after the council commands, which it joins
  registerReportCommands(program, io); // after the plan commands: diff joins them
  registerBackupCommands(program, io);
  registerDevCommands(program, io);
  inheritSettings(program, io);
  let running: Command = program;
  program.hook('preAction', (_program, command) => {
    running = command;
  });

  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderStop) {
      if (isCommanderExit(error.error)) return 0;
      io.err(`g2g: ${commanderProblem(error.error, error.command)} ${usageHint(error.command)}`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`g2g: ${oneLine(error)} ${usageHint(error.command ?? running)}`);
      return 2;
    }
    io.err(`g2g: ${oneLine(error)}`);
    return 1;
  }
}

/**
 * Help goes to the CLI's output; commander's own error lines are dropped, because runCli
 * writes one line of its own for each (see commanderProblem).
 */
function inheritSettings(command: Command, io: CliIo): void {
  command
    .exitOverride((error) => {
      throw new CommanderStop(error, command);
    })
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: () => {},
      outputError: () => {},
    });
  for (const sub of command.commands) inheritSettings(sub, io);
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'something went wrong, with no message';
}
