import type { Db } from '../db/database.js';
import type { ChangeContext } from '../history/history.service.js';
import type { PlanDocumentService, Progress } from '../plans/document/plan-document.service.js';
import type { DraftPlan, ExtractedDocument, ImportWarning } from './import.types.js';
import { applyMappings, type ColumnMapping } from './interpret/column-mapping.js';
import { interpretPlan } from './interpret/interpret-plan.js';
import type { StatusChoices } from './interpret/status-choices.js';
import { readSource } from './readers/read-source.js';

/** How a council chose to read its documents: table layouts' columns, and status words. */
export interface ReadingChoices {
  columns: ReadonlyMap<string, ColumnMapping>;
  statuses: StatusChoices;
}

/** No choices: the importer's own reading. */
export const NO_CHOICES: ReadingChoices = { columns: new Map(), statuses: new Map() };

/** Reads a file into a draft plan with warnings; needs no database and writes nothing. */
export async function draftFromFile(
  bytes: Uint8Array,
  fileName: string,
  choices: ReadingChoices = NO_CHOICES,
): Promise<DraftPlan & { source: ExtractedDocument }> {
  const source = await readSource(bytes, fileName);
  return { ...rereadSource(source, fileName, choices), source };
}

/** The draft that a file's content gives with these choices (no file read, nothing written). */
function rereadSource(
  source: ExtractedDocument,
  fileName: string,
  choices: ReadingChoices,
): DraftPlan {
  return interpretPlan(applyMappings(source, choices.columns), {
    fileName,
    statuses: choices.statuses,
  });
}

/** Turns a council's existing plan document into a draft plan, and saves confirmed drafts. */
export class ImportService {
  constructor(private readonly documents: PlanDocumentService) {}

  /**
   * Reads a file (Word, Excel, CSV, HTML or text) into a draft plan with warnings, each table
   * in a layout the council mapped read by that mapping and each status word the council
   * gave a meaning read by it; writes nothing. The draft keeps what
   * was read from the file (`source`), so it can be read again with other mappings.
   */
  async draft(
    bytes: Uint8Array,
    fileName: string,
    choices: ReadingChoices = NO_CHOICES,
  ): Promise<DraftPlan & { source: ExtractedDocument }> {
    return draftFromFile(bytes, fileName, choices);
  }

  /** The draft that a file's content gives with these choices (no file read, nothing written). */
  reread(source: ExtractedDocument, fileName: string, choices: ReadingChoices): DraftPlan {
    return rereadSource(source, fileName, choices);
  }

  /** Saves a draft as a new plan in status draft, in the caller's transaction; returns its id. */
  async save(trx: Db, ctx: ChangeContext, draft: DraftPlan, progress?: Progress): Promise<string> {
    const document = {
      ...draft.document,
      plan: { ...draft.document.plan, status: 'draft' as const },
    };
    return this.documents.import(trx, ctx, document, progress);
  }
}

/** A warning as one line for a terminal: where, then what. */
export function describeWarning(warning: ImportWarning): string {
  const w = warning.where;
  const place = [
    w.sheet ? `sheet ${w.sheet}` : null,
    w.table ? `table ${w.table}` : null,
    w.line ? `line ${w.line}` : null,
    w.column ? `column ${w.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const text = warning.text ? ` ("${warning.text.replace(/\s+/g, ' ').slice(0, 80)}")` : '';
  return `${place || 'document'}: ${warning.message}${text}`;
}
