// The shapes a round workbook is built from and read back into (no exceljs here).

/** How long a checked upload waits for its confirmation. */
export const UPLOAD_LIFETIME_HOURS = 24;

/** One action's row as the workbook shows it; every value already in words. */
export interface SheetRow {
  actionId: string;
  reference: string;
  recommendation: string;
  action: string;
  lead: string;
  due: string;
  status: string;
  lastDate: string;
  lastText: string;
}

/** Everything a round's workbook holds: who it is for, the statuses to choose from, the rows. */
export interface SheetFacts {
  planId: string;
  planTitle: string;
  roundId: string;
  roundName: string;
  /** The lead the workbook is for; null: the whole round. */
  lead: string | null;
  deadline: string;
  statuses: Array<{ label: string; meaning: string }>;
  rows: SheetRow[];
}

/** A filled-in row as read from a returned workbook, before it is checked. */
export interface ReadRow {
  /** The spreadsheet's own row number. */
  row: number;
  planKey: string;
  roundKey: string;
  actionKey: string;
  action: string;
  lead: string;
  update: string;
  status: string;
  evidence: string;
}

/** A row that will be saved on confirmation, as the preview shows it. */
export interface CheckedRow {
  row: number;
  actionId: string;
  label: string;
  author: string;
  text: string;
  /** A status code of the plan's scheme, or null for no proposal. */
  status: string | null;
  statusLabel: string | null;
  evidence: string | null;
}

/** A row that cannot be saved, and why, in words a person can act on. */
export interface RowProblem {
  row: number;
  message: string;
}

/** What a returned workbook would save, kept between the preview and the confirmation. */
export interface UploadState {
  rows: CheckedRow[];
  problems: RowProblem[];
  /** Rows left empty: no update, no status, no link. */
  empty: number;
  /** Rows whose update is already in the round (a corrected workbook uploaded again). */
  already: number;
}

/** The columns of the Updates sheet, in order; the last three are hidden keys. */
export const COLUMNS = {
  reference: 'Reference',
  recommendation: 'Recommendation',
  action: 'Action',
  lead: 'Lead',
  due: 'Due date',
  status: 'Current status',
  lastDate: 'Last update date',
  lastText: 'Last update',
  update: 'Update for', // + the round's name
  proposed: 'Proposed status',
  evidence: 'Evidence link',
  planKey: 'Plan key',
  roundKey: 'Round key',
  actionKey: 'Action key',
} as const;

export const UPDATES_SHEET = 'Updates';
export const INSTRUCTIONS_SHEET = 'Instructions';
