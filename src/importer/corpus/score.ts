import type { PlanDocumentInput } from '../../plans/document/plan-document.schema.js';

/** The parts of a draft the corpus scores. */
export type Scored = Pick<PlanDocumentInput, 'recommendations' | 'actions' | 'updates'>;

// The corpus scorer: an import compared with a hand-written gold file, field by field. Every
// reference, text, lead list, due date (as written), status and update of the gold is one
// field; an item the import made that the gold lacks costs one field too, so a plan cannot
// score well by inventing rows.

/** One action as a person reading the plan would list it. */
export interface GoldAction {
  ref: string | null;
  text: string;
  /** Outcomes written in the action's cell or column, when the plan has them. */
  outcomes?: string | null;
  /** Evidence written in the action's own column ("Evidence of impact"), when the plan has it. */
  evidence?: string | null;
  leads: string[];
  due: string | null;
  /** The status code in the plan's RAG scheme (GREEN, AMBER, RED, BLUE...), or null. */
  status: string | null;
  updates?: string[];
}

export interface GoldRecommendation {
  ref: string | null;
  text: string;
  actions: GoldAction[];
}

export interface Gold {
  recommendations: GoldRecommendation[];
}

export interface FieldMiss {
  field: string;
  expected: string;
  found: string;
}

export interface Score {
  correct: number;
  total: number;
  /** correct / total, 0..1 */
  ratio: number;
  misses: FieldMiss[];
}

/** Whitespace and bullet marks do not count; words, order and punctuation do. */
export function norm(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/^[\s•·*-]+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function dueText(due: unknown): string {
  if (due === null || due === undefined) return '';
  if (typeof due === 'string') return norm(due);
  if (typeof due === 'object' && 'text' in due && typeof due.text === 'string')
    return norm(due.text);
  return '';
}

interface Found {
  ref: string | null;
  text: string;
  outcomes: string | null;
  evidence: string | null;
  leads: string[];
  due: string;
  status: string | null;
  updates: string[];
}

/** Scores a draft against its gold file. */
export function scoreDraft(doc: Scored, gold: Gold): Score {
  const misses: FieldMiss[] = [];
  let correct = 0;
  let total = 0;
  const check = (field: string, expected: string, found: string) => {
    total++;
    if (expected === found) correct++;
    else misses.push({ field, expected, found });
  };
  const updatesOf = (id: string) =>
    doc.updates.filter((u) => u.actionId === id).map((u) => norm(u.text));
  const actionsOf = (recId: string | null): Found[] =>
    doc.actions
      .filter((a) => a.recommendationId === recId)
      .map((a) => ({
        ref: a.ref ?? null,
        text: norm(a.text),
        outcomes: a.outcomes ? norm(a.outcomes) : null,
        evidence: a.evidence ? norm(a.evidence) : null,
        leads: a.leads.map((l) => norm(l.name)),
        due: dueText(a.due),
        status: a.status ?? null,
        updates: updatesOf(a.id),
      }));
  const recs = doc.recommendations.map((r) => ({
    id: r.id,
    ref: r.ref ?? null,
    text: norm(r.text),
  }));
  const usedRecs = new Set<string>();
  const usedActions = new Set<Found>();

  gold.recommendations.forEach((g, gi) => {
    const label = `recommendation ${g.ref ?? gi + 1}`;
    const rec =
      recs.find((r) => !usedRecs.has(r.id) && g.ref !== null && r.ref === g.ref) ??
      recs.find((r) => !usedRecs.has(r.id) && r.text === norm(g.text)) ??
      null;
    if (rec) usedRecs.add(rec.id);
    check(`${label} ref`, g.ref ?? '', rec?.ref ?? '');
    check(`${label} text`, norm(g.text), rec?.text ?? '');
    const pool = actionsOf(rec?.id ?? null);
    g.actions.forEach((ga, ai) => {
      const at = `${label} action ${ga.ref ?? ai + 1}`;
      const found =
        pool.find((a) => !usedActions.has(a) && ga.ref !== null && a.ref === ga.ref) ??
        pool.find((a) => !usedActions.has(a) && a.text === norm(ga.text)) ??
        null;
      if (found) usedActions.add(found);
      check(`${at} ref`, ga.ref ?? '', found?.ref ?? '');
      check(`${at} text`, norm(ga.text), found?.text ?? '');
      if (ga.outcomes !== undefined)
        check(`${at} outcomes`, norm(ga.outcomes), found?.outcomes ?? '');
      if (ga.evidence !== undefined)
        check(`${at} evidence`, norm(ga.evidence), found?.evidence ?? '');
      check(`${at} leads`, ga.leads.map(norm).join('; '), (found?.leads ?? []).join('; '));
      check(`${at} due`, norm(ga.due), found?.due ?? '');
      check(`${at} status`, ga.status ?? '', found?.status ?? '');
      check(
        `${at} updates`,
        (ga.updates ?? []).map(norm).join(' / '),
        (found?.updates ?? []).join(' / '),
      );
    });
  });
  // Items the import made that no gold item matched.
  for (const r of recs.filter((r) => !usedRecs.has(r.id))) {
    total++;
    misses.push({ field: 'extra recommendation', expected: '', found: r.text.slice(0, 80) });
  }
  for (const a of [...recs.map((r) => r.id), null].flatMap((id) => actionsOf(id))) {
    if ([...usedActions].some((u) => u.ref === a.ref && u.text === a.text)) continue;
    total++;
    misses.push({
      field: 'extra action',
      expected: '',
      found: `${a.ref ?? ''} ${a.text.slice(0, 80)}`,
    });
  }
  return { correct, total, ratio: total === 0 ? 0 : correct / total, misses };
}
