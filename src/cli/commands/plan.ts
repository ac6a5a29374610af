import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError, ValidationError } from '../../lib/errors.js';
import { changedFields } from '../../history/history.service.js';
import { PLAN_STATUSES } from '../../plans/plan.schema.js';
import { cliActor, type CliIo, fileProblem, readInputFile, withApp } from '../io.js';
import { dateOption, instantOption } from '../usage.js';

/** The options of `plan deadline`, by the fields they set. */
const DEADLINE_OPTIONS = { date: '--override', reason: '--reason' };

export function registerPlanCommands(program: Command, io: CliIo): void {
  const plan = program
    .command('plan')
    .description('list, show, export and import improvement plans');
  plan.option(
    '--actor <name>',
    'who to record as making changes (default: G2G_ACTOR or your login)',
  );

  plan
    .command('list')
    .description('every plan, with its id')
    .action(() =>
      withApp(io, async (app) => {
        const plans = await app.transaction((trx) => app.services.plans.list(trx));
        if (plans.length === 0) io.out('No plans yet. Import one with: g2g plan import FILE.json');
        for (const p of plans) {
          io.out(
            `${p.id}  ${p.status.padEnd(10)}  ${p.organisationName}: ${p.title}${p.versionLabel ? ` (${p.versionLabel})` : ''}  [${p.recommendations} recommendations, ${p.actions} actions]`,
          );
        }
      }),
    );

  plan
    .command('show <id>')
    .description('a summary of one plan: deadline, status counts, overdue actions')
    .option('--as-at <date>', 'show the plan as it stood at the end of this day (YYYY-MM-DD)')
    .action((id: string, options: { asAt?: string }) => {
      const at = options.asAt === undefined ? null : instantOption('--as-at', options.asAt);
      return withApp(io, (app) =>
        app.transaction(async (trx) => {
          const doc = at
            ? await app.services.documents.exportAsAt(trx, id, at)
            : await app.services.documents.export(trx, id);
          if (at) io.out(`As at ${at}`);
          const today = at ? at.slice(0, 10) : app.clock.today();
          const { showPlan } = await import('./plan-show.js');
          for (const line of await showPlan(app, trx, id, doc, today)) io.out(line);
        }),
      );
    });

  plan
    .command('export <id>')
    .description('write the plan as an interchange JSON document (stdout, or --out FILE)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--as-at <date>', 'the plan as it stood at the end of this day (YYYY-MM-DD)')
    .action((id: string, options: { out?: string; asAt?: string }) => {
      const at = options.asAt === undefined ? null : instantOption('--as-at', options.asAt);
      return withApp(io, async (app) => {
        const doc = await app.transaction((trx) =>
          at
            ? app.services.documents.exportAsAt(trx, id, at)
            : app.services.documents.export(trx, id),
        );
        const json = `${JSON.stringify(doc, null, 2)}\n`;
        if (!options.out) return io.out(json.trimEnd());
        writeOutputFile(options.out, json);
        io.err(`Wrote ${options.out}`);
      });
    });

  plan
    .command('import <file>')
    .description('create a plan from an interchange JSON document; prints the new plan id')
    .action((file: string, _options: unknown, command: Command) => {
      const doc = readJson(file);
      return withApp(io, async (app) => {
        const actor = cliActor(io, (command.parent?.opts() as { actor?: string }).actor);
        const id = await app
          .transaction((trx) =>
            app.services.documents.import(trx, app.changeBy(actor), doc, (done, total) =>
              io.err(`Importing: ${done} of ${total} items`),
            ),
          )
          .catch((error: unknown) => {
            throw error instanceof ValidationError ? unusableDocument(file, error) : error;
          });
        io.out(`Imported plan ${id}`);
        io.out(id);
      });
    });

  plan
    .command('history <id>')
    .description('who changed what in a plan, and when')
    .option('--entity <kind>', 'only changes to this kind of thing (plan, action, measure...)')
    .option('--item <itemId>', 'only changes to the thing with this id')
    .action((id: string, options: { entity?: string; item?: string }) =>
      withApp(io, async (app) => {
        const rows = await app.transaction(async (trx) => {
          await app.services.plans.get(trx, id);
          return app.services.history.list(trx, id, {
            ...(options.entity ? { entity: options.entity } : {}),
            ...(options.item ? { entityId: options.item } : {}),
          });
        });
        for (const r of rows) {
          const fields =
            r.op === 'update' ? `: ${changedFields(r.before, r.after).join(', ')}` : '';
          io.out(
            `${r.at}  ${r.actor}  ${r.op}d ${r.entity} ${r.entityId}${fields}${r.reason ? ` (${r.reason})` : ''}`,
          );
        }
        io.out(`${rows.length} change${rows.length === 1 ? '' : 's'}`);
      }),
    );

  plan
    .command('deadline <id>')
    .description("show the plan's statement-of-action deadline, or override it with a reason")
    .option('--override <date>', 'the deadline to use instead of the statutory one (YYYY-MM-DD)')
    .option('--reason <text>', 'why the deadline is overridden (required with --override)')
    .option('--clear', 'go back to the statutory deadline')
    .action(
      (
        id: string,
        options: { override?: string; reason?: string; clear?: boolean },
        command: Command,
      ) => {
        const override =
          options.override === undefined ? null : dateOption('--override', options.override);
        return withApp(
          io,
          async (app) => {
            const actor = cliActor(io, (command.parent?.opts() as { actor?: string }).actor);
            const view = await app.transaction(async (trx) => {
              if (override || options.clear) {
                await app.services.plans.overrideDeadline(trx, app.changeBy(actor), id, {
                  date: options.clear ? null : override,
                  reason: options.reason ?? (options.clear ? 'Statutory deadline restored' : null),
                });
              }
              return app.services.plans.get(trx, id);
            });
            const d = view.deadline;
            if (!d)
              return io.out(
                'No deadline: the plan records no date the inspection report was received.',
              );
            io.out(d.source === 'override' ? `Overridden: ${d.basis}` : `Statutory: ${d.basis}`);
            io.out(d.date);
          },
          DEADLINE_OPTIONS,
        );
      },
    );

  plan
    .command('set-status <id> <status>')
    .description(`move the plan on: ${PLAN_STATUSES.join(' → ')}`)
    .action((id: string, status: string, _options: unknown, command: Command) =>
      withApp(io, async (app) => {
        const actor = cliActor(io, (command.parent?.opts() as { actor?: string }).actor);
        const row = await app.transaction((trx) =>
          app.services.plans.update(trx, app.changeBy(actor), id, { status }),
        );
        io.out(`Plan ${row.id} is now ${row.status}`);
      }),
    );
}

function readJson(file: string): unknown {
  const text = readInputFile(file).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A file that is JSON but not a plan document: the file, the first problem, and how many more. */
function unusableDocument(file: string, error: ValidationError): AppError {
  const [first, ...rest] = error.issues;
  const problem = first ? inWords(first.path, first.message) : 'it does not match the format';
  const more = rest.length
    ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`
    : '';
  return new AppError(
    `${file} is not a plan interchange document g2g can import: ${problem}${more}`,
  );
}

/** One problem of a document, briefly: "organisation is missing", not zod's wording. */
function inWords(path: string, message: string): string {
  const where = path || 'the document';
  const expected = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (expected?.[2] === 'undefined') return `${where} is missing`;
  if (expected)
    return `${where} should be ${article(expected[1] ?? '')}, not ${article(expected[2] ?? '')}`;
  const brief = message.length > 120 ? `${message.slice(0, 119)}…` : message;
  return `${where}: ${brief}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Writes the whole file or nothing (a temporary file, then renamed). */
function writeOutputFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new AppError(`Cannot write ${file}: ${fileProblem(error, true)}`);
  }
}
