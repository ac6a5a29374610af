import { dateOrNone, formatDate, formatDateTime, leadNames } from '../lib/format.js';
import { poundsText } from '../plans/content/form-fields.js';
import { STATUS_LABELS } from '../plans/settings/settings.view-model.js';
import { capitalise, type PlanNames, shorten } from './audit-names.js';

// A recorded value as people read it: words, dates as GOV.UK writes them, evidence as links,
// names instead of ids. Never JSON. A value is a list of pieces of text, some of them links.

export interface Piece {
  text: string;
  /** Only ever a web address (http, https) or a path of this service. */
  href?: string;
}

/** What the words for a value need besides the value: names and the plan's statuses. */
export interface WordsContext {
  names: PlanNames;
  /** RAG status codes to their labels ("AMBER" → "Amber"). */
  statuses: Map<string, string>;
  /** RAG scheme ids to their names. */
  schemes: Map<string, string>;
}

/** Bookkeeping a person does not need to read (the due date's end goes with the due date). */
export const HIDDEN_FIELDS = new Set([
  'id',
  'planId',
  'dueEnd',
  'organisationId',
  'inspectionId',
  'createdAt',
  'updatedAt',
]);

const LABELS: Record<string, string> = {
  ref: 'Reference',
  text: 'Text',
  due: 'Due date',
  leads: 'Leads',
  recommendationId: 'Recommendation',
  actionId: 'Action',
  themeId: 'Theme or workstream',
  sectionId: 'Section',
  proposedStatus: 'Proposed status',
  position: 'Place in the list',
  versionLabel: 'Version',
  periodStart: 'Start of the plan period',
  periodEnd: 'End of the plan period',
  ragSchemeId: 'RAG scheme',
  statementKind: 'Kind of statement',
  deadlineOverride: 'Deadline set by hand',
  deadlineOverrideReason: 'Reason for the deadline set by hand',
  confirmStatuses: 'Proposed statuses wait for a manager’s confirmation',
  evidenceBeforeComplete: 'Evidence is needed before an action is marked complete',
  judgementArea: 'Judgement area',
  actionIds: 'Actions',
  recommendationIds: 'Recommendations',
  controlActionIds: 'Actions that control it',
  amountPence: 'Amount',
  financialYear: 'Financial year',
  rangeLow: 'Lowest possible value',
  rangeHigh: 'Highest possible value',
  impactBefore: 'Impact before controls',
  probabilityBefore: 'Probability before controls',
  impactAfter: 'Impact after controls',
  probabilityAfter: 'Probability after controls',
  startedOn: 'Inspection started',
  endedOn: 'Inspection ended',
  publishedOn: 'Report published',
  receivedOn: 'Report received',
};

/** "successCriteria" → "Success criteria". */
export function fieldLabel(field: string): string {
  const label = LABELS[field];
  if (label) return label;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field as it reads inside a sentence: "the due date". */
export function fieldPhrase(field: string): string {
  if (field === 'confirmStatuses')
    return 'whether proposed statuses wait for a manager’s confirmation';
  const label = fieldLabel(field);
  return `the ${/^[A-Z]{2}/.test(label) ? label : label.toLowerCase()}`;
}

/** Fields whose values are codes from a short list, with the words for each. */
const CHOICES: Record<string, Record<string, string>> = {
  category: { priority: 'Priority and immediate action', improvement: 'Area for improvement' },
  direction: { higher: 'Higher is better', lower: 'Lower is better', range: 'Within a range' },
  recurrence: { 'one-off': 'One-off', recurrent: 'Recurrent' },
  statementKind: {
    'statement-of-action': 'Statement of action',
    'priority-action-draft': 'First draft after priority action',
  },
};
const CODED = new Set([
  'kind',
  'staffing',
  'grade',
  'impactBefore',
  'probabilityBefore',
  'impactAfter',
  'probabilityAfter',
]);

const plain = (text: string): Piece[] => [{ text }];
const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A link's address, if it is one a page may offer: http(s), or a path of this service. */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(url)) return url;
  return /^\/(?!\/)[^\s]*$/.test(url) ? url : undefined;
}

/** One piece of evidence: its title, linked to its address. */
export function evidencePiece(item: Record<string, unknown>): Piece {
  const url = typeof item.url === 'string' ? item.url : '';
  const title = typeof item.title === 'string' && item.title ? item.title : url;
  const href = safeHref(item.url);
  return href ? { text: title, href } : { text: title };
}

const codeWords = (code: string) => {
  const words = code.replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Any other structure in words: its text, else its name and value, else its plain values. */
function structureWords(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return scalarWords(value);
  if (Array.isArray(value)) return value.map(structureWords).filter(Boolean).join('; ');
  const v = value as Record<string, unknown>;
  if (typeof v.text === 'string' && v.text) return v.text;
  if (typeof v.area === 'string')
    return `${v.area}: ${codeWords(typeof v.grade === 'string' ? v.grade : '')}`;
  if (typeof v.name === 'string' && v.value !== undefined && v.value !== null)
    return `${v.name}: ${scalarWords(v.value)}`;
  if (typeof v.name === 'string') return v.name;
  return Object.values(v)
    .filter((x) => x !== null && typeof x !== 'object')
    .map(scalarWords)
    .join(', ');
}

function scalarWords(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return formatDateTime(s);
  return s;
}

/**
 * A recorded value of `field` (of a thing of `kind`) in words: a date as "3 December 2026",
 * leads joined the one way, a status by its label, a linked thing by its name, evidence as
 * links. An empty list when there is nothing.
 */
export function valueWords(
  kind: string,
  field: string,
  value: unknown,
  ctx: WordsContext,
): Piece[] {
  if (isEmpty(value)) return [];
  const { names } = ctx;
  const str = typeof value === 'string' ? value : null;
  const named = (name: string) => plain(capitalise(name));
  switch (field) {
    case 'recommendationId':
      return str ? named(names.recommendation(str)) : [];
    case 'actionId':
      return str ? named(names.action(str)) : [];
    case 'themeId':
      return str ? named(names.item('theme', str)) : [];
    case 'sectionId':
      return str ? named(names.item('section', str)) : [];
    case 'actionIds':
    case 'controlActionIds':
      return plain((value as string[]).map((id) => capitalise(names.action(id))).join('; '));
    case 'recommendationIds':
      return plain(
        (value as string[]).map((id) => capitalise(names.recommendation(id))).join('; '),
      );
    case 'ragSchemeId':
      return str ? plain(ctx.schemes.get(str) ?? 'Another RAG scheme') : [];
    case 'leads':
      return Array.isArray(value) ? plain(leadNames(value as Array<{ name: string }>)) : [];
    case 'amountPence':
      return typeof value === 'number' ? plain(`£${poundsText(value)}`) : [];
  }
  if (field === 'status' && kind === 'plan' && str && str in STATUS_LABELS)
    return plain(STATUS_LABELS[str as keyof typeof STATUS_LABELS]);
  if ((field === 'status' || field === 'proposedStatus') && str)
    return plain(ctx.statuses.get(str) ?? str);
  if (field === 'evidence' && Array.isArray(value)) {
    const pieces = (value as Array<Record<string, unknown>>).map(evidencePiece);
    return pieces.flatMap((p, i) => (i === 0 ? [p] : [{ text: ', ' }, p]));
  }
  if (str && CHOICES[field]?.[str]) return plain(CHOICES[field][str]);
  if (str && CODED.has(field)) return plain(codeWords(str));
  if (field === 'due' && value && typeof value === 'object' && 'text' in value)
    return plain(String(value.text) || dateOrNone(null));
  return plain(structureWords(value));
}

/** Pieces as plain text (a link's address after its title), for the CSV file. */
export function piecesText(pieces: Piece[]): string {
  return pieces
    .map((p) => (p.href && p.href !== p.text ? `${p.text} (${p.href})` : p.text))
    .join('');
}

/** Pieces cut to about `max` characters of text in all (links are never cut). */
export function shortenPieces(pieces: Piece[], max: number): Piece[] {
  let left = max;
  const out: Piece[] = [];
  for (const p of pieces) {
    if (left <= 0) break;
    if (p.href) out.push(p);
    else out.push({ text: p.text.length > left ? shorten(p.text, left) : p.text });
    left -= p.text.length;
  }
  return out;
}
