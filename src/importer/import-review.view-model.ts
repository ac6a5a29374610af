import { describeFuzzyDate, parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { DraftState } from './import-draft.repository.js';
import type { Concern, DraftPlan, ImportWarning, SourceLocation } from './import.types.js';

// The review page of an imported draft: its recommendations and actions (and its sections,
// workstreams and themes), each with the importer's warnings beside it, and a list of every
// warning linking to its row.

/** The kinds of row the review page shows, each with an anchor a warning can link to. */
export type ItemKind = 'action' | 'recommendation' | 'theme' | 'section';
type Place = { kind: ItemKind; id: string } | null;
interface Item {
  kind: ItemKind;
  id: string;
  ref: string | null;
  text: string;
  leads: Array<{ name: string }>;
  due: unknown;
  status?: string | null;
  outcomes?: string | null;
  evidence?: string | null;
  recommendationId?: string | null;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
/** The due date as written, whatever form the draft holds it in. */
export const dueText = (due: unknown): string =>
  typeof due === 'string'
    ? due
    : due && typeof due === 'object' && 'text' in due
      ? String(due.text)
      : '';

function fieldsOf(item: Item): string[] {
  return [
    item.text,
    item.outcomes ?? '',
    item.evidence ?? '',
    dueText(item.due),
    item.status ?? '',
    ...item.leads.map((l) => l.name),
    item.leads.map((l) => l.name).join(' '),
  ]
    .map(norm)
    .filter(Boolean);
}

/** The items of a draft in document order: each recommendation, then actions. */
export function itemsOf(state: DraftPlan): Item[] {
  const doc = state.document;
  return [
    ...doc.recommendations.map((r) => ({
      ...r,
      kind: 'recommendation' as const,
      ref: r.ref ?? null,
    })),
    ...doc.actions.map((a) => ({ ...a, kind: 'action' as const, ref: a.ref ?? null })),
  ];
}

/**
 * The review page's row showing the item a warning concerns: the item itself, or for a
 * measure, cost or risk the action (else recommendation, workstream) it belongs to.
 */
export function rowOf(doc: DraftPlan['document'], concerns: Concern): Place {
  const { kind, id } = concerns;
  const has = (list: Array<{ id: string }>) => list.some((x) => x.id === id);
  const first = (
    actionIds: readonly string[],
    recommendationIds: readonly string[] = [],
    themeId: string | null = null,
  ): Place => {
    const action = actionIds.find((a) => doc.actions.some((x) => x.id === a));
    if (action) return { kind: 'action', id: action };
    const rec = recommendationIds.find((r) => doc.recommendations.some((x) => x.id === r));
    if (rec) return { kind: 'recommendation', id: rec };
    return themeId && doc.themes.some((t) => t.id === themeId)
      ? { kind: 'theme', id: themeId }
      : null;
  };
  switch (kind) {
    case 'recommendation':
      return has(doc.recommendations) ? { kind, id } : null;
    case 'action':
      return has(doc.actions) ? { kind, id } : null;
    case 'theme':
      return has(doc.themes) ? { kind, id } : null;
    case 'section':
      return has(doc.sections) ? { kind, id } : null;
    case 'measure': {
      const m = doc.measures.find((x) => x.id === id);
      return m ? first(m.actionIds, m.recommendationIds) : null;
    }
    case 'cost': {
      const c = doc.costs.find((x) => x.id === id);
      return c ? first(c.actionId ? [c.actionId] : [], [], c.themeId ?? null) : null;
    }
    case 'risk': {
      const r = doc.risks.find((x) => x.id === id);
      return r ? first(r.controlActionIds) : null;
    }
  }
}

/**
 * Which row each warning concerns. The importer names the item for warnings about one
 * (`concerns`); for the rest, and drafts made before it did, the row is found from what the
 * warning quotes: a recommendation it names by number, else the row holding the quoted text
 * exactly, then as a start, then inside a field, else a row on the same source line.
 * Warnings about no row (a header, the cost table) stay with the document.
 */
export function placeWarnings(state: DraftPlan): DraftState['places'] {
  const named = state.warnings.map((w) => (w.concerns ? rowOf(state.document, w.concerns) : null));
  const guessed = guessPlaces(state);
  return state.warnings.map((w, i) => (w.concerns ? (named[i] ?? null) : (guessed[i] ?? null)));
}

// The heuristic for warnings that do not say which item they are about.
function guessPlaces(state: DraftPlan): Place[] {
  const items = itemsOf(state).map((item) => ({ item, fields: fieldsOf(item) }));
  const updates = state.document.updates.map((u) => ({ actionId: u.actionId, text: norm(u.text) }));
  const placed = state.warnings.map((w): Place => {
    if (w.concerns) return rowOf(state.document, w.concerns);
    const named = /^Recommendation (\S+) lists/.exec(w.message)?.[1];
    if (named) {
      const rec = items.find((i) => i.item.kind === 'recommendation' && i.item.ref === named);
      if (rec) return { kind: 'recommendation', id: rec.item.id };
    }
    const quoted = norm((w.text ?? '').replace(/(…|\.\.\.)$/, ''));
    if (!quoted) return null;
    const tests: Array<(field: string) => boolean> = [
      (f) => f === quoted,
      (f) => quoted.length >= 8 && f.startsWith(quoted),
      (f) => quoted.length >= 12 && f.includes(quoted),
    ];
    for (const test of tests) {
      // Actions first: a warning about a cell is most often about the action on that row.
      const hit =
        items.find((i) => i.item.kind === 'action' && i.fields.some(test)) ??
        items.find((i) => i.fields.some(test));
      if (hit) return { kind: hit.item.kind, id: hit.item.id };
      const update = updates.find((u) => test(u.text));
      if (update) return { kind: 'action', id: update.actionId };
    }
    return null;
  });
  // A warning about the same source line as a placed one concerns the same row.
  const lineOf = (w: ImportWarning) =>
    w.where.line ? `${w.where.sheet ?? ''}|${w.where.table ?? ''}|${w.where.line}` : null;
  const byLine = new Map<string, NonNullable<Place>>();
  state.warnings.forEach((w, i) => {
    const line = lineOf(w);
    const place = placed[i];
    if (line && place && !byLine.has(line)) byLine.set(line, place);
  });
  return placed.map((p, i) => {
    const w = state.warnings[i];
    const line = w ? lineOf(w) : null;
    return p ?? (line ? (byLine.get(line) ?? null) : null);
  });
}

/** "line 267, table 6": where in the uploaded file a warning came from. */
export function describePlace(where: SourceLocation): string {
  const parts = [
    where.sheet ? `sheet ${where.sheet}` : null,
    where.table ? `table ${where.table}` : null,
    where.line ? `line ${where.line}` : null,
    where.column ? `column ${where.column}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'the document as a whole';
}

/** "Section One: Priority and immediate action", "Workstream A: Leadership". */
function groupLabel(
  kind: 'theme' | 'section',
  g: { ref?: string | null; title: string; kind?: string },
) {
  const name = kind === 'section' ? 'Section' : g.kind === 'workstream' ? 'Workstream' : 'Theme';
  return `${name}${g.ref ? ` ${g.ref}` : ''}: ${g.title}`;
}

/** The id used for a row's anchor on the review page. */
export const anchorOf = (kind: ItemKind, id: string) =>
  `${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Everything the review page shows, as plain values. */
export function reviewPage(state: DraftState, base: string, council: string, fileName: string) {
  const doc = state.document;
  const places = state.places;
  const changed = new Set(state.changed);
  const statuses = doc.ragScheme.statuses;
  const warning = (w: ImportWarning, i: number) => {
    const place = places[i] ?? null;
    const key = place ? `${place.kind}:${place.id}` : null;
    return {
      number: i + 1,
      message: w.message,
      quoted: w.text ?? null,
      where: describePlace(w.where),
      corrected: key !== null && changed.has(key),
      rowHref: place ? `#${anchorOf(place.kind, place.id)}` : null,
      rowLabel: place ? labelOf(place.kind, place.id) : null,
    };
  };
  const labelOf = (kind: ItemKind, id: string) => {
    if (kind === 'theme' || kind === 'section') {
      const group = [...doc.themes, ...doc.sections].find((g) => g.id === id);
      return groupLabel(kind, group ?? { ref: null, title: id });
    }
    const item = itemsOf(state).find((i) => i.kind === kind && i.id === id);
    return `${kind === 'action' ? 'Action' : 'Recommendation'} ${item?.ref ?? id}`;
  };
  const warnings = state.warnings.map(warning);
  const warningsFor = (kind: ItemKind, id: string) =>
    warnings.filter((_w, i) => places[i]?.kind === kind && places[i]?.id === id);
  const due = (value: unknown) => {
    const text = dueText(value);
    if (!text) return { text: 'None', understood: '' };
    const parsed =
      typeof value === 'object' && value
        ? (value as ReturnType<typeof parseFuzzyDate>)
        : parseFuzzyDate(text);
    return {
      text,
      understood: parsed.kind === 'unknown' ? 'Not understood' : describeFuzzyDate(parsed),
    };
  };
  const status = (code: string | null | undefined) => {
    if (!code) return { text: 'No status', classes: 'govuk-tag--grey' };
    const s = statuses.find((x) => x.code === code);
    return s
      ? { text: s.label, classes: `govuk-tag--${s.colour}` }
      : { text: code, classes: 'govuk-tag--grey' };
  };
  const actionRow = (a: (typeof doc.actions)[number]) => ({
    anchor: anchorOf('action', a.id),
    ref: a.ref ?? '',
    text: a.text,
    outcomes: a.outcomes ?? '',
    leads: a.leads.map((l) => l.name).join(', ') || 'None',
    due: due(a.due),
    status: status(a.status),
    changed: changed.has(`action:${a.id}`),
    changeHref: `${base}/actions/${encodeURIComponent(a.id)}`,
    warnings: warningsFor('action', a.id),
  });
  const recommendations = doc.recommendations.map((r) => ({
    anchor: anchorOf('recommendation', r.id),
    ref: r.ref ?? '',
    text: r.text,
    leads: r.leads.map((l) => l.name).join(', '),
    due: due(r.due),
    changed: changed.has(`recommendation:${r.id}`),
    changeHref: `${base}/recommendations/${encodeURIComponent(r.id)}`,
    warnings: warningsFor('recommendation', r.id),
    actions: doc.actions.filter((a) => a.recommendationId === r.id).map(actionRow),
  }));
  const recIds = new Set(doc.recommendations.map((r) => r.id));
  const groups = [
    ...doc.sections.map((g) => ({ kind: 'section' as const, g, people: '' })),
    ...doc.themes.map((g) => ({
      kind: 'theme' as const,
      g,
      people: [g.sponsor ? `Sponsor: ${g.sponsor}` : '', g.lead ? `Lead: ${g.lead}` : '']
        .filter(Boolean)
        .join('. '),
    })),
  ].map(({ kind, g, people }) => ({
    anchor: anchorOf(kind, g.id),
    label: groupLabel(kind, g),
    people,
    warnings: warningsFor(kind, g.id),
  }));
  const corrected = warnings.filter((w) => w.corrected).length;
  return {
    council,
    fileName,
    title: doc.plan.title,
    summary: [
      ['Council', council],
      ['Plan', doc.plan.title],
      ['Period', `${doc.plan.periodStart ?? '?'} to ${doc.plan.periodEnd ?? '?'}`],
      [
        'Found',
        [
          plural(doc.recommendations.length, 'recommendation'),
          plural(doc.actions.length, 'action'),
          plural(doc.measures.length, 'measure'),
          plural(doc.risks.length, 'risk'),
          plural(doc.costs.length, 'cost'),
          plural(doc.updates.length, 'progress update'),
        ].join(', '),
      ],
      [
        'Warnings',
        `${plural(warnings.length, 'warning')}${corrected ? `, ${corrected} on rows you corrected` : ''}`,
      ],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    warnings,
    documentWarnings: warnings.filter((w) => !w.rowHref),
    recommendations,
    groups,
    otherActions: doc.actions
      .filter((a) => !a.recommendationId || !recIds.has(a.recommendationId))
      .map(actionRow),
  };
}
