import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { countChanges } from '../../reports/plan-diff.js';
import { PACK_FORMATS, type PackFormat, packFile, packFileName } from '../../reports/pack-files.js';
import { packPrintPage } from '../../reports/pack-pdf.js';
import { createViews } from '../../web/views.js';
import { type CliIo, fileProblem, withApp } from '../io.js';
import { dateOption, UsageError } from '../usage.js';

const FORMATS = ['html', ...PACK_FORMATS.map((f) => f.ext)];

/** `g2g report`: a board pack as at a day, written as a file; `g2g plan diff`: two days compared. */
export function registerReportCommands(program: Command, io: CliIo): void {
  program
    .command('report <plan>')
    .description('a board pack for a plan as at a day, as html, pdf, docx, xlsx or csv')
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
    .description('what changed in a plan between the ends of two days')
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .option('--to <date>', 'the second day (YYYY-MM-DD; default today)')
    .action((planId: string, options: { from: string; to?: string }) => {
      const from = dateOption('--from', options.from);
      const to = options.to === undefined ? null : dateOption('--to', options.to);
      return withApp(
        io,
        async (app) => {
          const until = to ?? app.clock.today();
          const c = await app.transaction(async (trx) => {
            await app.services.plans.get(trx, planId);
            return app.services.packs.compare(trx, planId, from, until);
          });
          const n = countChanges(c);
          io.out(`Changes between ${formatDate(from)} and ${formatDate(until)}: ${n || 'none'}`);
          for (const u of c.newUpdates)
            io.out(`update     ${u.action}, ${formatDate(u.date)}, ${u.author}: ${u.text}`);
          for (const s of c.statusChanges)
            io.out(`status     ${s.action}: ${s.from.label} to ${s.to.label}`);
          for (const a of c.completed) io.out(`completed  ${a.label} ${a.text}`);
          for (const d of c.datesMoved)
            io.out(`due date   ${d.action}: ${d.from || 'No date'} to ${d.to || 'No date'}`);
          for (const r of c.reworded) io.out(`reworded   ${r.action}: "${r.from}" to "${r.to}"`);
          for (const l of c.leadsChanged) io.out(`leads      ${l.action}: ${l.from} to ${l.to}`);
          for (const a of c.added) io.out(`added      ${a.label} ${a.text}`);
          for (const a of c.removed) io.out(`removed    ${a.label} ${a.text}`);
        },
        { from: '--from', to: '--to' },
      );
    });
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
