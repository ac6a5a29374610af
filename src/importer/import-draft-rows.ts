import type { DraftPlan } from './import.types.js';

// The rows of an imported draft's review page: the kinds of row, its recommendations and
// actions in document order, and a due date as written whatever form the draft holds it in.

/** The kinds of row the review page shows, each with an anchor a warning can link to. */
export type ItemKind = 'action' | 'recommendation' | 'theme' | 'section';
/** A recommendation or action of the draft, as the review page and its warnings see it. */
export interface DraftRow {
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

/** The due date as written, whatever form the draft holds it in. */
export const dueText = (due: unknown): string =>
  typeof due === 'string'
    ? due
    : due && typeof due === 'object' && 'text' in due
      ? String(due.text)
      : '';

/** The items of a draft in document order: each recommendation, then actions. */
export function itemsOf(state: DraftPlan): DraftRow[] {
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
