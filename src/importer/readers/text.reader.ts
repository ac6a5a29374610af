import type { ExtractedDocument, SourceBlock, SourceRow } from '../import.types.js';
import { fragmentToText } from './plain-text.js';

type LineKind = 'blank' | 'tab' | 'pipe' | 'text';

function kindOf(line: string): LineKind {
  if (line.trim() === '') return 'blank';
  if (line.includes('\t')) return 'tab';
  if (/^\s*\|.*(?<!\\)\|/.test(line)) return 'pipe';
  return 'text';
}

/** Removes markdown strong emphasis ("**bold**" → "bold"). */
function stripEmphasis(text: string): string {
  return text.replace(/\*\*/g, '');
}

/** Splits a markdown table row on unescaped pipes, dropping the outer ones. */
export function splitPipeRow(line: string): string[] {
  let body = line.trim().slice(1);
  if (/(?<!\\)\|$/.test(body)) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|'));
}

/** True for a markdown table's header separator, such as "|---|:--:|". */
export function isPipeSeparator(line: string): boolean {
  return splitPipeRow(line).every((cell) => /^\s*:?-+:?\s*$/.test(cell));
}

/**
 * Reads text as extracted from Word/PDF: runs of tab-separated lines and markdown pipe
 * tables become table blocks (cells turned from HTML fragments into plain text), every other
 * non-blank line becomes a text block. Line numbers are 1-based. Never throws.
 */
export function readText(input: string): ExtractedDocument {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  // A form feed is where PDF extraction marks a page break: it reads as a space.
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.replace(/\f/g, ' '));
  const blocks: SourceBlock[] = [];
  let table: { kind: LineKind; rows: SourceRow[] } | null = null;
  let tableCount = 0;

  const closeTable = () => {
    const first = table?.rows[0];
    if (table && first) {
      tableCount++;
      const rows = table.rows.map((row) => ({
        ...row,
        where: { ...row.where, table: tableCount },
      }));
      blocks.push({ type: 'table', rows, where: { line: first.where.line, table: tableCount } });
    }
    table = null;
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const kind = kindOf(line);
    if (kind !== 'tab' && kind !== 'pipe') {
      closeTable();
      const plain = kind === 'text' ? stripEmphasis(fragmentToText(line)) : '';
      if (plain.trim() !== '') blocks.push({ type: 'text', text: plain, where: { line: lineNo } });
      return;
    }
    if (table?.kind !== kind) closeTable();
    table ??= { kind, rows: [] };
    if (kind === 'pipe' && isPipeSeparator(line)) return;
    const raw = kind === 'tab' ? line.split('\t') : splitPipeRow(line);
    const cells = raw.map((cell) => {
      const plain = fragmentToText(cell);
      return kind === 'pipe' ? stripEmphasis(plain) : plain;
    });
    table.rows.push({ cells, where: { line: lineNo } });
  });
  closeTable();
  return { format: 'text', blocks };
}
