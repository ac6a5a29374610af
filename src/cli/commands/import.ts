import type { Command } from 'commander';
import type { ReadingChoices } from '../../importer/import.service.js';
import type { DraftPlan, ExtractedDocument } from '../../importer/import.types.js';
import { describeLayouts } from '../../importer/interpret/column-mapping.js';
import { groupWarnings } from '../../importer/import-warning-groups.js';
import { ConflictError } from '../../lib/errors.js';
import { MAX_IMPORT_BYTES } from '../../importer/readers/errors.js';
import { cliActor, type CliIo, readInputFile, withApp } from '../io.js';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

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
    .option(
      '--council <slug>',
      "read it with this council's saved choices (the columns and status words chosen in the import review) and save the plan for this council",
    )
    .option('--actor <name>', 'who to record as making the change')
    .option(
      '--as-new-version',
      'import it even though the council has a plan of the same title, as its next version',
    )
    .action(async (file: string, options: ImportOptions) => {
      const bytes = readInputFile(file, MAX_IMPORT_BYTES);
      // The file is read and interpreted without the database: a dry run opens none, unless
      // it is to be read with a council's saved choices, which are kept there.
      const { NO_CHOICES, describeWarning, draftFromFile } =
        await import('../../importer/import.service.js');
      const report = (draft: DraftPlan, applied: ReturnType<typeof appliedChoices>) => {
        for (const group of groupWarnings(draft.warnings)) {
          io.err(`warnings: ${group.title}. ${group.assumed}`);
          for (const i of group.indexes) io.err(`warning: ${describeWarning(draft.warnings[i]!)}`);
        }
        const counts = `${draft.document.recommendations.length} recommendations, ${draft.document.actions.length} actions, ${draft.document.measures.length} measures, ${draft.warnings.length} warnings`;
        return { counts, json: { ...draftJson(draft), applied } };
      };
      io.err(`Reading ${file} (${Math.ceil(bytes.length / 1024)} KB)`);
      if (options.dryRun && !options.council) {
        const draft = await draftFromFile(bytes, file, NO_CHOICES);
        const { counts, json } = report(draft, appliedChoices(null, draft, NO_CHOICES));
        io.err(
          `Dry run: nothing saved (${counts}); whether ${draft.document.organisation.name} already has a plan of this title is checked when it is saved`,
        );
        if (options.json) io.out(JSON.stringify(json, null, 2));
        return;
      }
      return withApp(io, async (app) => {
        const council = options.council
          ? await app.transaction((trx) =>
              app.services.access.councilBySlug(trx, options.council ?? ''),
            )
          : null;
        const choices = council
          ? await app.transaction((trx) => app.services.importColumns.forCouncil(trx, council.id))
          : NO_CHOICES;
        const read = await draftFromFile(bytes, file, choices);
        // Given the council, the plan is its plan, whatever name the document gives.
        const draft = council
          ? {
              ...read,
              document: {
                ...read.document,
                organisation: { slug: council.slug, name: council.name },
              },
            }
          : read;
        const applied = appliedChoices(council?.slug ?? null, read, choices);
        if (council)
          io.err(
            `Read with the choices saved for ${council.name}: ${count(applied.columns.length, 'table layout')}, ${count(applied.statuses.length, 'status word')}`,
          );
        const { counts, json } = report(draft, applied);
        if (options.dryRun) {
          const { organisation, plan } = draft.document;
          const duplicate = await app.transaction((trx) =>
            app.services.importDrafts.duplicateOf(trx, organisation.slug, plan),
          );
          if (duplicate)
            io.err(
              `warning: ${organisation.name} already has a plan called "${plan.title}"; saving it needs --as-new-version`,
            );
          io.err(`Dry run: nothing saved (${counts})`);
          if (options.json) io.out(JSON.stringify(json, null, 2));
          return;
        }
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

/**
 * Which of the council's saved choices the reading used: each table layout read by a saved
 * mapping (its tables, header words and chosen roles), and each status word read as chosen.
 */
function appliedChoices(
  council: string | null,
  read: DraftPlan & { source: ExtractedDocument },
  choices: ReadingChoices,
) {
  return {
    council,
    columns: describeLayouts(read.source, choices.columns)
      .filter((l) => l.chosen)
      .map((l) => ({
        tables: l.tables,
        header: l.signature,
        roles: l.columns.map((c) => c.role),
      })),
    statuses: (read.statuses ?? [])
      .filter((s) => s.chosen)
      .map((s) => ({ words: s.words, status: s.code })),
  };
}

interface ImportOptions {
  council?: string;
  dryRun?: boolean;
  json?: boolean;
  actor?: string;
  asNewVersion?: boolean;
}
