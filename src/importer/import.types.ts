import type { PlanDocumentInput } from '../plans/document/plan-document.schema.js';

/** Where in the source something came from, for warnings a person can follow. */
export interface SourceLocation {
  /** 1-based line of a text file, or row of a spreadsheet/CSV. */
  line?: number;
  /** Worksheet name (xlsx) or table number (docx/html, 1-based). */
  sheet?: string;
  table?: number;
  /** Column header or 1-based column number. */
  column?: string;
}

/**
 * What kind of problem a warning is: the review page and `g2g import` group warnings by it
 * (import-warning-groups.ts says, per kind, what the importer assumed). 'ambiguous' is the
 * catch-all of drafts made before the finer kinds existed.
 */
export type WarningCode =
  | 'unparsed-date'
  | 'date-outside-period'
  | 'date-assumed'
  | 'no-lead'
  | 'lead-not-a-person'
  | 'lists-unpaired'
  | 'status-unknown'
  | 'status-conflict'
  | 'update-undated'
  | 'cost-no-amount'
  | 'totals-differ'
  | 'columns-realigned'
  | 'figures-unclear'
  | 'council-name-missing'
  | 'unplaced-row'
  | 'personal-data'
  | 'ambiguous'
  | 'skipped';

/** The kinds of draft item a warning can be about. */
export type ConcernKind =
  'recommendation' | 'action' | 'measure' | 'theme' | 'section' | 'risk' | 'cost';

/** The item of the draft a warning is about, by its id in the draft document. */
export interface Concern {
  kind: ConcernKind;
  id: string;
}

/** Something the importer was unsure of: shown to the person who confirms the draft. */
export interface ImportWarning {
  code: WarningCode;
  message: string;
  where: SourceLocation;
  /** The source text concerned (truncated to 200 characters). */
  text?: string;
  /**
   * The draft item the warning is about (an action without a lead, a date it could not read),
   * or null when it is about the document, a header or a row that became no item. Drafts
   * made before this field existed lack it.
   */
  concerns?: Concern | null;
}

/** One row of a table as read from the source, cells as plain text (HTML already turned into text). */
export interface SourceRow {
  cells: string[];
  where: SourceLocation;
}

/** The reader's output: the document's content in order, as tables and paragraphs. */
export type SourceBlock =
  | { type: 'table'; rows: SourceRow[]; where: SourceLocation }
  | { type: 'text'; text: string; where: SourceLocation };

export interface ExtractedDocument {
  /** The file's type as detected from its content, not its name. */
  format: 'docx' | 'xlsx' | 'csv' | 'html' | 'text';
  blocks: SourceBlock[];
}

/** A draft plan for a person to review: the interchange document plus everything unsure. */
export interface DraftPlan {
  document: PlanDocumentInput;
  warnings: ImportWarning[];
  /** The status words and colours found, and the RAG status each was read as. */
  statuses?: StatusReading[];
}

/** One status word or colour found in the document, and how it was read. */
export interface StatusReading {
  /** As the document first writes it ("On track"; "Green" for a cell coloured green). */
  words: string;
  key: string;
  /** The code of the plan's RAG scheme it was read as, or null for no status. */
  code: string | null;
  /** Whether a person chose this reading (else the importer's own). */
  chosen: boolean;
  /** How many rows hold it. */
  rows: number;
}
