import { readFileSync } from 'node:fs';
import type { ExtractedDocument, SourceBlock, SourceRow } from '../import.types.js';

// Turns a seed text into blocks the way the text reader does: tab lines and pipe lines are
// table rows (pipe separator rows dropped), blank lines end a table, other lines are text.
function htmlToText(cell: string): string {
  return cell
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/(p|li|ul)>|<br\s*\/?>|<p[^>]*>|<ul[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\n\s*\n+/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l, i, all) => l || (i > 0 && i < all.length - 1))
    .join('\n')
    .trim();
}

export function seedBlocks(text: string): ExtractedDocument {
  const blocks: SourceBlock[] = [];
  let rows: SourceRow[] | null = null;
  const end = () => {
    if (rows && rows.length)
      blocks.push({ type: 'table', rows, where: { line: rows[0]?.where.line ?? 0 } });
    rows = null;
  };
  text.split('\n').forEach((line, i) => {
    const where = { line: i + 1 };
    const pipe = /^\s*\|.*\|\s*$/.test(line);
    if (line.includes('\t') || pipe) {
      if (pipe && /^\s*\|[\s|:-]+\|\s*$/.test(line)) return;
      const raw = pipe ? line.trim().slice(1, -1).split('|') : line.split('\t');
      rows ??= [];
      rows.push({ cells: raw.map(htmlToText), where });
      return;
    }
    end();
    if (line.trim()) blocks.push({ type: 'text', text: line, where });
  });
  end();
  return { format: 'text', blocks };
}

export function seed(name: string): ExtractedDocument {
  return seedBlocks(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}
