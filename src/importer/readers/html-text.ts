import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { tidyLines } from './plain-text.js';

export const SKIP = new Set(['head', 'script', 'style', 'template', 'noscript', 'svg', 'math']);
export const TEXT_BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'caption',
  'dt',
  'dd',
]);
export const CONTAINERS = new Set([
  'html',
  'body',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'ul',
  'ol',
  'dl',
  'blockquote',
  'figure',
  'form',
  'center',
  'tbody',
]);
const LINE_BREAKS = new Set([...TEXT_BLOCKS, ...CONTAINERS, 'tr', 'li', 'table']);

/** The node's children, or none for text and comments. */
export function childrenOf(node: T.Node): T.ChildNode[] {
  return 'childNodes' in node ? node.childNodes : [];
}

export function isElement(node: T.Node): node is T.Element {
  return 'tagName' in node;
}

/** The node's child elements. */
export function elementsOf(node: T.Node): T.Element[] {
  return childrenOf(node).filter(isElement);
}

/** Plain text of nodes: block elements become line breaks, list items start with "• ". */
export function textOf(nodes: T.Node[]): string {
  const parts: string[] = [];
  const walk = (n: T.Node) => {
    if (n.nodeName === '#text' && 'value' in n) {
      parts.push(n.value);
      return;
    }
    if (!isElement(n) || SKIP.has(n.tagName)) return;
    if (n.tagName === 'br') parts.push('\n');
    else if (n.tagName === 'li') parts.push('\n• ');
    else if (n.tagName === 'td' || n.tagName === 'th') parts.push(' ');
    else if (LINE_BREAKS.has(n.tagName)) parts.push('\n');
    childrenOf(n).forEach(walk);
    if (LINE_BREAKS.has(n.tagName)) parts.push('\n');
  };
  nodes.forEach(walk);
  return tidyLines(parts.join(''));
}
