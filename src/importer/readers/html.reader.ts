import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { ExtractedDocument, SourceBlock } from '../import.types.js';
import { childrenOf, CONTAINERS, isElement, SKIP, TEXT_BLOCKS, textOf } from './html-text.js';
import { tableRows } from './html-table.js';

const NESTED_BLOCKS = new Set(['ul', 'ol', 'table']);

/**
 * Reads an HTML document (or fragment) into tables and paragraphs in document order.
 * Table rows carry the table's number and their 1-based row number within it. Colspans
 * repeat "" cells; rowspans leave "" in the rows they cover. Never throws.
 */
export function readHtml(html: string): ExtractedDocument {
  const blocks: SourceBlock[] = [];
  let tableCount = 0;
  let inline: T.ChildNode[] = [];

  const pushText = (text: string) => {
    if (text !== '') blocks.push({ type: 'text', text, where: {} });
  };
  const flushInline = () => {
    pushText(textOf(inline));
    inline = [];
  };

  const visit = (node: T.ChildNode) => {
    if (!isElement(node)) {
      if (node.nodeName === '#text') inline.push(node);
      return;
    }
    const tag = node.tagName;
    if (SKIP.has(tag)) return;
    if (tag === 'table') {
      flushInline();
      tableCount++;
      const table = tableCount;
      const rows = tableRows(node).map((cells, i) => ({ cells, where: { line: i + 1, table } }));
      if (rows.length > 0) blocks.push({ type: 'table', rows, where: { table } });
    } else if (TEXT_BLOCKS.has(tag)) {
      flushInline();
      pushText(textOf([node]));
    } else if (tag === 'li') {
      flushInline();
      const nested = (c: T.ChildNode) => isElement(c) && NESTED_BLOCKS.has(c.tagName);
      const text = textOf(childrenOf(node).filter((c) => !nested(c)));
      if (text !== '') pushText(`• ${text}`);
      childrenOf(node).filter(nested).forEach(visit);
    } else if (CONTAINERS.has(tag)) {
      flushInline();
      childrenOf(node).forEach(visit);
      flushInline();
    } else {
      inline.push(node);
    }
  };

  childrenOf(parse(html)).forEach(visit);
  flushInline();
  return { format: 'html', blocks };
}
