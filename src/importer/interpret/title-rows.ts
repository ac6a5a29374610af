import type { ExtractedDocument, SourceBlock, SourceRow } from '../import.types.js';
import { headerMap } from './headers.js';
import { squash } from './text-join.js';

// Rows above a table's header row (a workbook's title, "Last updated: ...", a colour key)
// are not plan rows: short ones are lifted out of the table as the document's text, where
// the narrative finds the council's name and the date, and a key is read as the RAG scheme.

type TableBlock = Extract<SourceBlock, { type: 'table' }>;

const filled = (row: SourceRow) => row.cells.filter((c) => c.trim()).length;

/**
 * The workbook with each sheet's short rows above its first header row (at most two filled
 * cells) moved before the table as text blocks, and those rows (for a RAG key to be read
 * from). Rows with more cells stay in the table. Tables with no header row are unchanged.
 */
export function liftTitleRows(doc: ExtractedDocument): {
  doc: ExtractedDocument;
  lifted: SourceRow[];
} {
  const lifted: SourceRow[] = [];
  // Only a workbook's sheet holds its title rows among the table's own rows; text from a
  // PDF is cut into tables by guesswork (a row above its header may be a plan row), and a
  // CSV's title line is left as it is read (it does not date the updates).
  if (doc.format !== 'xlsx') return { doc, lifted };
  const blocks = doc.blocks.flatMap((block): SourceBlock[] => {
    if (block.type !== 'table') return [block];
    const at = block.rows.findIndex((r) => headerMap(r.cells) !== null);
    if (at <= 0) return [block];
    const above = block.rows.slice(0, at);
    const titles = above.filter((r) => filled(r) <= 2);
    if (titles.length === 0) return [block];
    lifted.push(...titles);
    const rows: TableBlock['rows'] = [
      ...above.filter((r) => filled(r) > 2),
      ...block.rows.slice(at),
    ];
    const text = titles
      .map((r) => ({ type: 'text' as const, text: squash(r.cells.join(' ')), where: r.where }))
      .filter((t) => t.text);
    return [...text, { ...block, rows }];
  });
  return { doc: { ...doc, blocks }, lifted };
}
