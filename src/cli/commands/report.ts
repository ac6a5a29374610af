import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { PACK_FORMATS, type PackFormat } from '../../reports/pack-formats.js';
import { STATEMENT_FORMATS, type StatementFormat } from '../../reports/statement-formats.js';
import { cliActor, type CliIo, fileProblem, withApp } from '../io.js';
import { diffLines } from './plan-diff-lines.js';
import { dateOption, UsageError } from '../usage.js';

const FORMATS = ['html', ...PACK_FORMATS.map((f) => f.ext)];

/** `g2g report`: a board pack as at a day, written as a file; `g2g plan diff`: two days compared. */
export function registerReportCommands(program: Command, io: CliIo): void {
  program
    .command('report <plan>')
    .description(
      'a board pack for a plan as at a day, as html, pdf, docx, xlsx, csv (its actions) or measures.csv (its measures)',
    )
    .requiredOption('--as-at <date>', 'the pack shows the plan at the end of this day (YYYY-MM-DD)')
    .option('--board <name>', 'the board the pack is for (default: the plan’s first board)')
    .requiredOption('--format <format>', FORMATS.join(', '))
    .option(
      '--out <file>',
      'the file to write (default: a name like improvement-board-pack-2018-04-30.pdf)',
    )
    .action(
      (planId: string, options: { asAt: string; board?: string; format: string; out?: string }) => {
        const asAt = dateOption('--as-at', options.asAt);
        if (!FORMATS.includes(options.format)) {
          throw new UsageError(
            `--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`,
          );
        }
        return withApp(
          io,
          async (app) => {
            const pack = await app.transaction(async (trx) => {
              // Read first so that an unknown plan is named as `plan show` names it.
              const plan = await app.services.plans.get(trx, planId);
              const board = options.board ?? plan.boards[0]?.name ?? '';
              return app.services.packs.draft(trx, planId, { asAt, board });
            });
            // Loaded for this command only: Word, Excel, PDF and the templates are large.
            const { packFile, packFileName } = await import('../../reports/pack-files.js');
            const { packPrintPage } = await import('../../reports/pack-pdf.js');
            const { createViews } = await import('../../web/views.js');
            const views = createViews();
            const fileOptions = {
              meeting: null,
              render: (t: string, v: Record<string, unknown>) => views.render(t, v),
              chromiumPath: app.config.chromiumPath,
            };
            const out = options.out ?? packFileName(pack, options.format);
            const bytes =
              options.format === 'html'
                ? Buffer.from(packPrintPage(pack, fileOptions), 'utf8')
                : (await packFile(options.format as PackFormat, pack, fileOptions)).bytes;
            writeFile(out, bytes);
            io.err(`Wrote ${out}: the ${pack.board.name} pack as at ${formatDate(asAt)}`);
          },
          { asAt: '--as-at', board: '--board' },
        );
      },
    );

  const plan = program.commands.find((c) => c.name() === 'plan');
  (plan ?? program)
    .command('diff <plan>')
    .description('what changed in a plan between two versions or days (or up to now)')
    .requiredOption(
      '--from <version>',
      'a version’s name ("Final Draft (V7)") or a day (YYYY-MM-DD)',
    )
    .option('--to <version>', 'a version’s name or a day (default: the plan now)')
    .action((planId: string, options: { from: string; to?: string }) =>
      withApp(
        io,
        async (app) => {
          const c = await app.transaction(async (trx) => {
            await app.services.plans.get(trx, planId);
            return app.services.versions.compare(trx, planId, options.from, options.to ?? null);
          });
          for (const line of diffLines(c)) io.out(line);
        },
        { from: '--from', to: '--to' },
      ),
    );

  const STATEMENT = STATEMENT_FORMATS.map((f) => f.ext as string);
  (plan ?? program)
    .command('document <plan>')
    .description('the plan as its statement of action for Ofsted, as docx or pdf')
    .requiredOption('--format <format>', STATEMENT.join(', '))
    .option(
      '--out <file>',
      'the file to write (default: a name like improvement-plan-statement-of-action.docx)',
    )
    .action((planId: string, options: { format: string; out?: string }) => {
      if (!STATEMENT.includes(options.format)) {
        throw new UsageError(
          `--format must be one of ${STATEMENT.join(', ')}, not "${options.format}"`,
        );
      }
      return withApp(io, async (app) => {
        const doc = await app.transaction(async (trx) => {
          await app.services.plans.get(trx, planId);
          return app.services.documents.export(trx, planId);
        });
        const { statementFile } = await import('../../reports/plan-statement-files.js');
        const { createViews } = await import('../../web/views.js');
        const views = createViews();
        const file = await statementFile(
          options.format as StatementFormat,
          doc,
          app.clock.today(),
          {
            render: (t: string, v: Record<string, unknown>) => views.render(t, v),
            chromiumPath: app.config.chromiumPath,
          },
        );
        const out = options.out ?? file.fileName;
        writeFile(out, file.bytes);
        io.err(`Wrote ${out}: ${doc.plan.title}, its statement of action`);
      });
    });

  (plan ?? program)
    .command('approve <plan>')
    .description('record that a body approved the plan as it stands now, as a named version')
    .requiredOption('--name <name>', 'the version’s name, like "Final Draft (V7)"')
    .requiredOption('--by <body>', 'who approved it, like Cabinet')
    .requiredOption('--on <date>', 'the day it was approved (YYYY-MM-DD)')
    .action(
      (planId: string, options: { name: string; by: string; on: string }, command: Command) => {
        const approvedOn = dateOption('--on', options.on);
        return withApp(
          io,
          async (app) => {
            const actor = cliActor(io, (command.parent?.opts() as { actor?: string }).actor);
            const v = await app.transaction(async (trx) => {
              await app.services.plans.get(trx, planId);
              return app.services.versions.record(trx, app.changeBy(actor), planId, {
                name: options.name,
                approvedBy: options.by,
                approvedOn,
              });
            });
            io.out(`Recorded ${v.name}: approved by ${v.approvedBy}, ${formatDate(v.approvedOn)}`);
          },
          { name: '--name', approvedBy: '--by', approvedOn: '--on' },
        );
      },
    );
}

function writeFile(file: string, bytes: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new AppError(`Cannot write ${file}: ${fileProblem(error, true)}`);
  }
}
