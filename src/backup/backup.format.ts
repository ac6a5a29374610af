import { z } from 'zod';
import { AppError } from '../lib/errors.js';

// The backup file: gzip-compressed lines of JSON (docs/deployment.md describes it).
//   line 1      {"format":"g2g-backup","formatVersion":1,"schema":MIGRATION,"council":...,
//                "madeAt":ISO,"tables":[NAME...]}
//   then        {"table":NAME,"row":{COLUMN: VALUE...}}   one per row, tables in an order where
//                                                         each follows those it refers to
//   last line   {"end":true,"rows":{NAME: COUNT...}}      so a cut-off file is known as such
// A row is PostgreSQL's own JSON of it (row_to_json): timestamps in UTC with their
// microseconds, jsonb as JSON, file bytes as "\x" and hex.

export const BACKUP_FORMAT = 'g2g-backup';

const header = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  schema: z.string(),
  council: z.object({ slug: z.string(), name: z.string() }).nullable(),
  madeAt: z.string(),
  tables: z.array(z.string()),
});
const row = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) });
const end = z.object({ end: z.literal(true), rows: z.record(z.string(), z.number().int()) });

export type BackupHeader = z.infer<typeof header>;
export type BackupEnd = z.infer<typeof end>;
type BackupRow = z.infer<typeof row>;

/** One line of a backup; `first` says whether it must be the header. */
export function parseLine(
  text: string,
  lineNumber: number,
  first: boolean,
): BackupHeader | BackupRow | BackupEnd {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(
      first
        ? 'This is not a g2g backup (its first line is not one); nothing was restored'
        : `Line ${lineNumber} of the backup is damaged; nothing was restored`,
    );
  }
  if (first) {
    const parsed = header.safeParse(value);
    if (parsed.success) return parsed.data;
    const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
    throw new AppError(
      (value as { format?: unknown } | null)?.format === BACKUP_FORMAT
        ? `This backup is in format version ${String(version)}, which this version of g2g ` +
            'cannot read; nothing was restored'
        : 'This is not a g2g backup (its first line is not one); nothing was restored',
    );
  }
  const asRow = row.safeParse(value);
  if (asRow.success) return asRow.data;
  const asEnd = end.safeParse(value);
  if (asEnd.success) return asEnd.data;
  throw new AppError(`Line ${lineNumber} of the backup is damaged; nothing was restored`);
}
