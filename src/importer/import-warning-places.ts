import type { DraftState } from './import-draft.repository.js';
import { type DraftRow, dueText, type ItemKind, itemsOf } from './import-draft-rows.js';
import type { Concern, DraftPlan, ImportWarning } from './import.types.js';

// Which row of the review page each of the importer's warnings concerns, found once when
// the draft is uploaded and kept with it (DraftState.places).

type Place = { kind: ItemKind; id: string } | null;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function fieldsOf(item: DraftRow): string[] {
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
