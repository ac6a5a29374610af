import type { Command } from 'commander';
import type { DraftPlan } from '../../importer/import.types.js';
import { groupWarnings } from '../../importer/import-warning-groups.js';
import { ConflictError } from '../../lib/errors.js';
import { MAX_IMPORT_BYTES } from '../../importer/readers/errors.js';
import { cliActor, type CliIo, readInputFile, withApp } from '../io.js';

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import <file>')
    .description(
      "read a council's existing plan (Word .docx, Excel .xlsx, .csv, .html, or the text of a published plan) into a draft plan",
    )
    .option('--dry-run', 'read and check the file but save nothing')
    .option(
      '--json',
      'with --dry-run, print the draft as JSON: its interchange document and its warnings; else the saved plan and its warnings',
    )
    .option('--actor <name>', 'who to record as making the change')
    .option(
      '--as-new-version',
      'import it even though the council has a plan of the same title, as its next version',
    )
    .action(async (file: string, options: ImportOptions) => {
      const bytes = readInputFile(file, MAX_IMPORT_BYTES);
      // The file is read and interpreted without the database, which a dry run never opens.
      const { describeWarning, draftFromFile } = await import('../../importer/import.service.js');
      io.err(`Reading ${file} (${Math.ceil(bytes.length / 1024)} KB)`);
      const draft = await draftFromFile(bytes, file);
      for (const group of groupWarnings(draft.warnings)) {
        io.err(`warnings: ${group.title}. ${group.assumed}`);
        for (const i of group.indexes) io.err(`warning: ${describeWarning(draft.warnings[i]!)}`);
      }
      const counts = `${draft.document.recommendations.length} recommendations, ${draft.document.actions.length} actions, ${draft.document.measures.length} measures, ${draft.warnings.length} warnings`;
      if (options.dryRun) {
        io.err(
          `Dry run: nothing saved (${counts}); whether ${draft.document.organisation.name} already has a plan of this title is checked when it is saved`,
        );
        if (options.json) io.out(JSON.stringify(draftJson(draft), null, 2));
        return;
      }
      return withApp(io, async (app) => {
        const saved = await app.transaction((trx) =>
          app.services.importDrafts.saveNew(trx, app.changeBy(cliActor(io, options.actor)), draft, {
            asNewVersion: options.asNewVersion === true,
            progress: (done, total) => io.err(`Saving: ${done} of ${total} items`),
          }),
        );
        if (saved.kind === 'duplicate')
          throw new ConflictError(
            `${draft.document.organisation.name} already has a plan called "${saved.title}", so nothing was saved; add --as-new-version to import it as "${saved.asVersion}"`,
          );
        const id = saved.planId;
        if (options.json) return io.out(JSON.stringify({ id, ...warningsJson(draft) }));
        io.out(`Saved draft plan (${counts})`);
        io.out(id);
      });
    });
}

/** The warnings as JSON: each with its kind, the item it concerns, its words and place; the groups. */
function warningsJson(draft: DraftPlan) {
  return {
    warnings: draft.warnings.map((w) => ({
      kind: w.code,
      message: w.message,
      concerns: w.concerns ?? null,
      text: w.text ?? null,
      where: w.where,
    })),
    warningGroups: groupWarnings(draft.warnings).map(({ kind, count, title, assumed }) => ({
      kind,
      count,
      title,
      assumed,
    })),
  };
}

/** `--dry-run --json`: the draft's interchange document (as `g2g plan import` takes it) and its warnings. */
function draftJson(draft: DraftPlan) {
  return { document: draft.document, ...warningsJson(draft) };
}

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  actor?: string;
  asNewVersion?: boolean;
}
