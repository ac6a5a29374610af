import type { Doc } from './pack-actions.js';
import { printPdf, stylesheet } from './pack-pdf.js';
import { planStatement, statementFileName } from './plan-statement.js';
import { statementDocx } from './plan-statement-docx.js';
import { STATEMENT_FORMATS, type StatementFormat } from './statement-formats.js';

// The statement of action's files: Word, and PDF printed by Chromium from its HTML page.

export { STATEMENT_FORMATS, type StatementFormat };

export interface StatementFileOptions {
  render: (template: string, values: Record<string, unknown>) => string;
  chromiumPath: string;
}

/** The printable page of the statement (HTML with its styles inside it). */
export function statementPage(doc: Doc, today: string, options: StatementFileOptions): string {
  return options.render('plan-statement-print.njk', {
    s: planStatement(doc, today),
    css: stylesheet(),
  });
}

/** The plan as its statement of action, in a format; PdfUnavailable without Chromium. */
export async function statementFile(
  ext: StatementFormat,
  doc: Doc,
  today: string,
  options: StatementFileOptions,
): Promise<{ bytes: Buffer; type: string; fileName: string }> {
  const statement = planStatement(doc, today);
  const format = STATEMENT_FORMATS.find((f) => f.ext === ext) ?? STATEMENT_FORMATS[0];
  const bytes =
    ext === 'pdf'
      ? await printPdf(statementPage(doc, today, options), options.chromiumPath)
      : await statementDocx(statement);
  return { bytes, type: format.type, fileName: statementFileName(statement, ext) };
}
