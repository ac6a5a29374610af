import { changedFields } from '../history/history.service.js';
import type { ChangeRow } from '../history/history.repository.js';
import { formatDateTime } from '../lib/format.js';
import { ENTITY_KINDS } from '../plans/content/plan-entities.js';
import { type DateRange, dateRange, queryText, rangeMoments } from './audit-filter.js';
import { capitalise } from './audit-names.js';
import {
  fieldLabel,
  fieldPhrase,
  HIDDEN_FIELDS,
  type Piece,
  piecesText,
  shortenPieces,
  valueWords,
  type WordsContext,
} from './audit-words.js';

// A plan's audit trail as people read it: who changed what and when, each change a sentence
// ("Changed the due date from ‘End June 2026’ to ‘Autumn 2026’"), things named by their
// reference or words, evidence as links, dates in words.

/** What a change was to, as the filter offers it. */
export const KIND_LABELS: Record<string, string> = {
  plan: 'The plan’s own details',
  inspection: 'The inspection',
  board: 'Boards',
  section: 'Sections',
  theme: 'Themes and workstreams',
  recommendation: 'Recommendations',
  action: 'Actions',
  update: 'Progress updates',
  measure: 'Measures',
  risk: 'Risks',
  cost: 'Costs',
  boardPack: 'Published board packs',
  budget: 'Budgets',
};
const FILTER_KINDS = [
  'plan',
  'inspection',
  'board',
  ...ENTITY_KINDS,
  'budget',
  'boardPack',
] as string[];

const OP_LABELS = { create: 'Added', update: 'Changed', delete: 'Removed' } as const;

/** Longest text of one value on the page; the CSV holds it all. */
const ON_PAGE = 300;

export interface PlanAuditFilter extends DateRange {
  entity?: string;
  entityId?: string;
  actor?: string;
}

/** Reads the filter from the query string; anything unrecognised is ignored, a bad date explained. */
export function planAuditFilter(query: Record<string, unknown>): PlanAuditFilter {
  const entity = queryText(query, 'entity');
  return {
    entity: entity && FILTER_KINDS.includes(entity) ? entity : undefined,
    entityId: queryText(query, 'item', 100),
    actor: queryText(query, 'who'),
    ...dateRange(query),
  };
}

/** The history query for a filter: "to" includes the whole of that day. */
export function historyQuery(filter: PlanAuditFilter) {
  return {
    entity: filter.entity,
    entityId: filter.entityId,
    actor: filter.actor,
    ...rangeMoments(filter),
  };
}

/** The filter as query values, for links to other pages and to the CSV. */
export function filterQuery(filter: PlanAuditFilter) {
  return {
    entity: filter.entity,
    item: filter.entityId,
    who: filter.actor,
    from: filter.from,
    to: filter.to,
  };
}

/** The fields a change is about: what changed, or for an addition or removal what it held. */
function fieldsOf(row: ChangeRow): string[] {
  if (row.op === 'update') {
    return changedFields(row.before, row.after).filter((f) => !HIDDEN_FIELDS.has(f));
  }
  const state: Record<string, unknown> = row.after ?? row.before ?? {};
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  return Object.keys(state)
    .filter((k) => !HIDDEN_FIELDS.has(k) && k !== 'position')
    .sort((a, b) => rank(a) - rank(b));
}

/** What an addition or removal lists first: what it is and belongs to, then what it says. */
const FIRST = [
  'ref',
  'title',
  'name',
  'kind',
  'actionId',
  'recommendationId',
  'themeId',
  'sectionId',
  'date',
  'author',
  'text',
  'proposedStatus',
  'evidence',
  'leads',
  'due',
  'status',
];

const quoted = (pieces: Piece[]): Piece[] =>
  pieces.some((p) => p.href) ? pieces : [{ text: `‘${pieces.map((p) => p.text).join('')}’` }];

/** Evidence added and taken away, compared by address and title. */
function evidenceSentences(before: unknown, after: unknown, ctx: WordsContext): Piece[][] {
  const key = (e: Record<string, unknown>) => `${String(e.title)}\n${String(e.url)}`;
  const list = (v: unknown) => (Array.isArray(v) ? (v as Array<Record<string, unknown>>) : []);
  const had = new Set(list(before).map(key));
  const has = new Set(list(after).map(key));
  const words = (items: Array<Record<string, unknown>>) =>
    valueWords('update', 'evidence', items, ctx);
  const added = list(after).filter((e) => !had.has(key(e)));
  const removed = list(before).filter((e) => !has.has(key(e)));
  return [
    ...(added.length ? [[{ text: 'Added evidence: ' }, ...words(added), { text: '.' }]] : []),
    ...(removed.length ? [[{ text: 'Removed evidence: ' }, ...words(removed), { text: '.' }]] : []),
  ];
}

/** One changed field as a sentence: changed from … to …, set to …, or cleared. */
function sentence(row: ChangeRow, field: string, ctx: WordsContext, max: number): Piece[][] {
  const { before, after } = row;
  if (field === 'position') {
    const up = Number(after?.position) < Number(before?.position);
    return [[{ text: up ? 'Moved it up the list.' : 'Moved it down the list.' }]];
  }
  if (field === 'evidence' && (Array.isArray(before?.evidence) || Array.isArray(after?.evidence)))
    return evidenceSentences(before?.evidence, after?.evidence, ctx);
  const was = shortenPieces(valueWords(row.entity, field, before?.[field], ctx), max);
  const now = shortenPieces(valueWords(row.entity, field, after?.[field], ctx), max);
  const phrase = fieldPhrase(field);
  if (was.length === 0 && now.length === 0) return [[{ text: `Changed ${phrase}.` }]];
  if (was.length === 0) return [[{ text: `Set ${phrase} to ` }, ...quoted(now), { text: '.' }]];
  if (now.length === 0)
    return [[{ text: `Cleared ${phrase}, which was ` }, ...quoted(was), { text: '.' }]];
  return [
    [
      { text: `Changed ${phrase} from ` },
      ...quoted(was),
      { text: ' to ' },
      ...quoted(now),
      { text: '.' },
    ],
  ];
}

/** The page of a thing the plan holds now, for its name to link to. */
function itemHref(planId: string, row: ChangeRow, ctx: WordsContext): string | undefined {
  const enc = encodeURIComponent;
  if (row.op === 'delete' || !ctx.names.holds(row.entity, row.entityId)) {
    return row.entity === 'plan' ? `/plans/${planId}` : undefined;
  }
  if (row.entity === 'action') return `/plans/${planId}/actions/${enc(row.entityId)}`;
  if (row.entity === 'recommendation')
    return `/plans/${planId}/recommendations/${enc(row.entityId)}`;
  if (row.entity === 'update' && typeof row.after?.actionId === 'string')
    return `/plans/${planId}/actions/${enc(row.after.actionId)}`;
  return undefined;
}

/** Each change as the page shows it: a heading naming the thing, then what changed in sentences. */
export function planAuditRows(planId: string, rows: ChangeRow[], ctx: WordsContext) {
  return rows.map((row) => {
    const fields = fieldsOf(row);
    const name = ctx.names.item(row.entity, row.entityId, row.after ?? row.before);
    const held =
      row.op === 'update'
        ? []
        : fields
            .map((field) => ({
              field: fieldLabel(field),
              value: shortenPieces(
                valueWords(row.entity, field, (row.after ?? row.before)?.[field], ctx),
                ON_PAGE,
              ),
            }))
            .filter((f) => f.value.length > 0);
    return {
      when: formatDateTime(row.at),
      who: row.actor,
      // One piece, so "Changed action 1.1" reads (and links) as one.
      heading: [{ text: `${OP_LABELS[row.op]} ${name}`, href: itemHref(planId, row, ctx) }],
      sentences: row.op === 'update' ? fields.flatMap((f) => sentence(row, f, ctx, ON_PAGE)) : [],
      held,
      heldSummary: row.op === 'create' ? 'What was added' : 'What was removed',
      reason: row.reason,
    };
  });
}

/**
 * The CSV: one line per changed field. Columns for machines (the moment as ISO 8601, the
 * kind and field as the interchange format names them); values for people, in full.
 */
export function planAuditCsvRows(
  rows: ChangeRow[],
  ctx: WordsContext,
): Array<Array<string | null>> {
  return rows.flatMap((row) => {
    const fields = fieldsOf(row);
    const name = capitalise(ctx.names.item(row.entity, row.entityId, row.after ?? row.before));
    const text = (state: Record<string, unknown> | null, field: string) =>
      field ? piecesText(valueWords(row.entity, field, state?.[field], ctx)) || null : null;
    return (fields.length ? fields : ['']).map((field) => [
      row.at,
      formatDateTime(row.at),
      row.actor,
      row.entity,
      name,
      OP_LABELS[row.op],
      field,
      row.op === 'create' ? null : text(row.before, field),
      row.op === 'delete' ? null : text(row.after, field),
      row.reason,
    ]);
  });
}

export const PLAN_AUDIT_CSV_COLUMNS = [
  'at',
  'when',
  'who',
  'kind',
  'item',
  'change',
  'field',
  'before',
  'after',
  'reason',
];

/** The filter's choices of what a change was to. */
export function kindItems(selected: string | undefined) {
  return [{ value: '', text: 'Everything' }]
    .concat(FILTER_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] ?? capitalise(k) })))
    .map((i) => ({ ...i, selected: i.value === (selected ?? '') }));
}
