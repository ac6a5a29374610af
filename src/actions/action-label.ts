// How an action is named to people: by its own reference ("Action 1.1"), else by where it
// sits ("Recommendation 3, action 2"; "Workstream: Early help, action 4"), never by an id.

export interface LabelFacts {
  ref: string | null;
  /** Its recommendation's reference, or its place among the plan's recommendations (1-based). */
  recommendation: { ref: string | null; number: number } | null;
  /** Its theme or workstream, when it has no recommendation. */
  theme: { kind: 'theme' | 'workstream'; title: string } | null;
  /** Its place (1-based) among the actions of its recommendation, theme, or the plan. */
  number: number;
}

/** "Action 1.1", "Recommendation 3, action 2", "Workstream Early help, action 4", "Action 7". */
export function actionLabel(facts: LabelFacts): string {
  if (facts.ref?.trim()) return `Action ${facts.ref.trim()}`;
  if (facts.recommendation) {
    const rec = facts.recommendation.ref?.trim() || String(facts.recommendation.number);
    return `Recommendation ${rec}, action ${facts.number}`;
  }
  if (facts.theme) {
    const kind = facts.theme.kind === 'workstream' ? 'Workstream' : 'Theme';
    return `${kind} ${facts.theme.title}, action ${facts.number}`;
  }
  return `Action ${facts.number}`;
}

interface DocLike {
  recommendations: ReadonlyArray<{ id: string; ref: string | null }>;
  themes: ReadonlyArray<{ id: string; kind: 'theme' | 'workstream'; title: string }>;
  actions: ReadonlyArray<{
    id: string;
    ref: string | null;
    recommendationId: string | null;
    themeId: string | null;
  }>;
}

/** Every action's label in a plan document, by id (the document keeps the plan's order). */
export function actionLabels(doc: DocLike): Map<string, string> {
  const counts = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const a of doc.actions) {
    const group = a.recommendationId
      ? `r:${a.recommendationId}`
      : a.themeId
        ? `t:${a.themeId}`
        : '';
    const number = (counts.get(group) ?? 0) + 1;
    counts.set(group, number);
    const recIndex = doc.recommendations.findIndex((r) => r.id === a.recommendationId);
    const rec = doc.recommendations[recIndex];
    const theme = a.recommendationId ? undefined : doc.themes.find((t) => t.id === a.themeId);
    labels.set(
      a.id,
      actionLabel({
        ref: a.ref,
        recommendation: rec ? { ref: rec.ref, number: recIndex + 1 } : null,
        theme: theme ? { kind: theme.kind, title: theme.title } : null,
        number,
      }),
    );
  }
  return labels;
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** The same, from a plan's stored rows (as the content service lists them, in order). */
export function labelRows(rows: { recommendation: Row[]; theme: Row[]; action: Row[] }): DocLike {
  return {
    recommendations: rows.recommendation.map((r) => ({ id: String(r.id), ref: text(r.ref) })),
    themes: rows.theme.map((t) => ({
      id: String(t.id),
      kind: t.kind === 'workstream' ? 'workstream' : 'theme',
      title: text(t.title) ?? '',
    })),
    actions: rows.action.map((a) => ({
      id: String(a.id),
      ref: text(a.ref),
      recommendationId: text(a.recommendationId),
      themeId: text(a.themeId),
    })),
  };
}
