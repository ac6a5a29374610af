import type { Command, CommanderError } from 'commander';
import { AppError, ValidationError } from '../lib/errors.js';

/**
 * The command line itself is wrong: an unknown command or option, a missing or extra
 * argument, an option value of the wrong form. g2g answers with one line, a usage hint
 * and exit code 2. Anything else that goes wrong is a failure: one line and exit code 1.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show; the one that was running when absent. */
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Commander's own ways of stopping that are not errors: --help, --version. */
export function isCommanderExit(error: CommanderError): boolean {
  return error.exitCode === 0;
}

/** "g2g plan show", for a command. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The usage hint that ends every usage error: the command's form and where to read more. */
export function usageHint(command: Command): string {
  const path = commandPath(command);
  return `(usage: ${path} ${command.usage()}; more with ${path} --help)`;
}

/** Commander's message ("error: unknown option '--bogus'\n(Did you mean ...?)") in plain words. */
export function commanderProblem(error: CommanderError, command: Command): string {
  if (error.code === 'commander.help') {
    const names = command.commands.map((c) => c.name());
    return `${commandPath(command)} needs a command: ${names.join(', ')}`;
  }
  const text = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\(Did you mean/, '(did you mean');
  const missingArgument = /^missing required argument '([^']+)'/.exec(text);
  if (missingArgument) return `missing ${toUpper(missingArgument[1])}`;
  const missingValue = /^option '([^']+)' argument missing/.exec(text);
  if (missingValue) return `${missingValue[1]?.split(' ')[0]} needs a value: ${missingValue[1]}`;
  const required = /^required option '([^']+)' not specified/.exec(text);
  if (required) return `${required[1]} is required`;
  const unknown = /^unknown (option|command) '([^']+)'(.*)$/.exec(text);
  if (unknown) return `unknown ${unknown[1]} ${unknown[2]}${unknown[3]}`;
  const excess =
    /^too many arguments(?: for '[^']+')?\. Expected (\d+) arguments? but got (\d+)\.?$/.exec(text);
  if (excess) return `too many arguments: expected ${excess[1]}, got ${excess[2]}`;
  return text.replace(/\.$/, '');
}

function toUpper(name: string | undefined): string {
  return (name ?? 'an argument').toUpperCase();
}

/** A date option (YYYY-MM-DD) checked for a date that exists: 2026-02-31 is refused, naming the option. */
export function dateOption(option: string, value: string): string {
  const form = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!form) throw new UsageError(`${option} must be a date written YYYY-MM-DD, not "${value}"`);
  const [year, month, day] = [Number(form[1]), Number(form[2]), Number(form[3])];
  if (month < 1 || month > 12)
    throw new UsageError(`${option} ${value} does not exist: there is no month ${form[2]}`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    throw new UsageError(
      `${option} ${value} does not exist: ${monthName} ${year} has ${days} days`,
    );
  }
  return value;
}

/** --as-at: a date (meaning the end of that day, UTC) or an ISO instant; returns the instant. */
export function instantOption(option: string, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${dateOption(option, value)}T23:59:59.999Z`;
  const instant = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(
    value,
  );
  const date = new Date(value);
  if (!instant || Number.isNaN(date.getTime()))
    throw new UsageError(
      `${option} must be a date written YYYY-MM-DD (or a moment like 2018-04-30T17:00:00Z), not "${value}"`,
    );
  dateOption(option, instant[1] ?? '');
  return date.toISOString();
}

/** A whole number option within bounds. */
export function integerOption(option: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${option} must be a number from ${min} to ${max}, not "${value}"`);
  return n;
}

/**
 * A validation error from a service, with its internal field names replaced by what the
 * person typed (`expiresAt` → `--until`); other errors pass through unchanged.
 */
export function inOptionWords(error: unknown, names: Record<string, string>): unknown {
  if (!(error instanceof ValidationError)) return error;
  const named = (path: string) => names[path] ?? names[path.split('.')[0] ?? ''];
  if (!error.issues.some((i) => named(i.path))) return error;
  const issues = error.issues.map((i) => {
    const where = named(i.path) ?? i.path;
    return where ? `${where}: ${i.message}` : i.message;
  });
  return new AppError(`Invalid ${error.subject}: ${issues.join('; ')}`);
}
