import type { PlanDocumentParsed } from '../src/plans/document/plan-document.schema.js';
import { buildPlanDocument } from '../src/test-support/factories.js';

/** A plan of `n` actions across 30 recommendations, each with one update: a large council plan. */
export function largePlan(n: number): PlanDocumentParsed {
  const base = buildPlanDocument({ organisation: { slug: 'bench', name: 'Bench Council' } });
  const [rec] = base.recommendations;
  const [action] = base.actions;
  if (!rec || !action) throw new Error('factory changed');
  const recommendations = Array.from({ length: 30 }, (_, i) => ({
    ...rec,
    id: `r${i}`,
    ref: String(i + 1),
  }));
  const actions = Array.from({ length: n }, (_, i) => ({
    ...action,
    id: `a${i}`,
    recommendationId: `r${i % 30}`,
    ref: `${(i % 30) + 1}.${i}`,
  }));
  const updates = actions.map((a, i) => ({
    id: `u${i}`,
    actionId: a.id,
    date: '2026-02-01',
    author: 'Service Manager',
    text: 'Progress this month.',
    proposedStatus: 'AMBER',
    evidence: [],
  }));
  return {
    ...base,
    recommendations,
    actions,
    updates,
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  };
}
