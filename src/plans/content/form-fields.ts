import type { Lead } from '../../db/schema.js';
import { leadKind } from '../../importer/interpret/leads.js';
import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';

// Reading the plain text a person types into an edit form into the values the plan holds,
// and writing those values back as text. Pure functions; the forms report what went wrong.

/** Splits on "/", ";" and new lines outside brackets: "Head of Service (CP/LAC)" stays whole. */
function splitLeads(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === '/' || ch === ';' || ch === '\n')) {
      parts.push(part);
      part = '';
    } else part += ch;
  }
  parts.push(part);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export const MAX_LEAD = 200;
export const MAX_LEADS = 50;

/**
 * Leads typed as text, separated by "/", ";" or new lines; commas stay inside a name, so
 * "Head of Service, Care Leavers" is one role. The kind is read from the words.
 * Null when a lead is too long or there are too many.
 */
export function parseLeadsField(text: string): Lead[] | null {
  const seen = new Set<string>();
  const leads: Lead[] = [];
  for (const name of splitLeads(text)) {
    if (name.length > MAX_LEAD) return null;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    leads.push({ name, kind: leadKind(name) });
  }
  return leads.length > MAX_LEADS ? null : leads;
}

/** Leads as the form shows them: one per line. */
export const leadsText = (leads: Lead[]): string => leads.map((l) => l.name).join('\n');

/** Whether a due date typed as words can be understood (blank is fine: no date). */
export function dueReadable(text: string): boolean {
  return !text.trim() || parseFuzzyDate(text).kind !== 'unknown';
}

/** The words of a stored due date (a fuzzy date object, a string or nothing). */
export function dueText(due: unknown): string {
  if (typeof due === 'string') return due;
  if (due && typeof due === 'object' && 'text' in due) return String(due.text);
  return '';
}

/** An amount in pounds ("£67,961", "1200.50") as whole pence; null when it is not one. */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£\s*/, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return null;
  const [pounds = '0', pence = ''] = cleaned.replace(/,/g, '').split('.');
  const total = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
  return Number.isSafeInteger(total) && total <= 1e13 ? total : null;
}

/** Pence as pounds for the form: 6796100 → "67,961.00". */
export function poundsText(pence: number): string {
  return (pence / 100).toLocaleString('en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/** A number typed with or without a % sign or thousands commas; undefined when blank, null when not a number. */
export function parseNumberField(text: string): number | null | undefined {
  const cleaned = text.trim().replace(/%$/, '').replace(/,/g, '').trim();
  if (!cleaned) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** The first number in a line of words ("Over 60% by Jul 2015" → 60), or null. */
export function firstNumber(text: string): number | null {
  const match = /-?\d+(?:\.\d+)?/.exec(text.replace(/(\d),(\d{3})/g, '$1$2'));
  return match ? Number(match[0]) : null;
}

interface Referable {
  id: string;
  ref: string | null;
}

/**
 * References typed as text ("1.1, 1.2") matched to items by their ref, or by id.
 * Returns the ids, or the words that match nothing.
 */
export function parseRefs(
  text: string,
  items: readonly Referable[],
): { ids: string[]; unknown: string[] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const word of text
    .split(/[,;\n]/)
    .map((w) => w.trim())
    .filter(Boolean)) {
    const item =
      items.find((i) => i.ref !== null && i.ref.toLowerCase() === word.toLowerCase()) ??
      items.find((i) => i.id === word);
    if (!item) unknown.push(word);
    else if (!ids.includes(item.id)) ids.push(item.id);
  }
  return { ids, unknown };
}

/** Ids written back as the refs people know them by. */
export function refsText(ids: readonly string[], items: readonly Referable[]): string {
  return ids.map((id) => items.find((i) => i.id === id)?.ref ?? id).join(', ');
}

/** Text with its line breaks, as lines a template can join with <br> (each escaped on output). */
export const lines = (text: string | null | undefined): string[] => (text ?? '').split(/\r?\n/);
