import type { Db } from '../db/database.js';
import type { ChangeContext } from '../history/history.service.js';
import type { PlanDocumentService, Progress } from '../plans/document/plan-document.service.js';
import type { DraftPlan, ExtractedDocument, ImportWarning } from './import.types.js';
import { applyMappings, type ColumnMapping } from './interpret/column-mapping.js';
import { interpretPlan } from './interpret/interpret-plan.js';
import { readSource } from './readers/read-source.js';

/** Reads a file into a draft plan with warnings; needs no database and writes nothing. */
export async function draftFromFile(
  bytes: Uint8Array,
  fileName: string,
  mappings: ReadonlyMap<string, ColumnMapping> = new Map(),
): Promise<DraftPlan & { source: ExtractedDocument }> {
  const source = await readSource(bytes, fileName);
  return { ...interpretPlan(applyMappings(source, mappings), { fileName }), source };
}

/** Turns a council's existing plan document into a draft plan, and saves confirmed drafts. */
export class ImportService {
  constructor(private readonly documents: PlanDocumentService) {}

  /**
   * Reads a file (Word, Excel, CSV, HTML or text) into a draft plan with warnings, each table
   * in a layout the council mapped read by that mapping; writes nothing. The draft keeps what
   * was read from the file (`source`), so it can be read again with other mappings.
   */
  async draft(
    bytes: Uint8Array,
    fileName: string,
    mappings: ReadonlyMap<string, ColumnMapping> = new Map(),
  ): Promise<DraftPlan & { source: ExtractedDocument }> {
    return draftFromFile(bytes, fileName, mappings);
  }

  /** The draft that a file's content gives with these mappings (no file read, nothing written). */
  reread(
    source: ExtractedDocument,
    fileName: string,
    mappings: ReadonlyMap<string, ColumnMapping>,
  ): DraftPlan {
    return interpretPlan(applyMappings(source, mappings), { fileName });
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
