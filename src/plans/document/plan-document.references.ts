import type { z } from 'zod';

interface Identified {
  id: string;
}
interface DocumentShape {
  ragScheme: { statuses: Array<{ code: string }> };
  boards: Array<{ name: string }>;
  sections: Identified[];
  themes: Identified[];
  recommendations: Array<Identified & { sectionId: string | null; themeId: string | null }>;
  actions: Array<
    Identified & { recommendationId: string | null; themeId: string | null; status: string | null }
  >;
  updates: Array<Identified & { actionId: string; proposedStatus: string | null }>;
  measures: Array<Identified & { actionIds: string[]; recommendationIds: string[] }>;
  measureValues: Array<Identified & { measureId: string; series: string; period: string | null }>;
  risks: Array<Identified & { controlActionIds: string[] }>;
  costs: Array<Identified & { actionId: string | null; themeId: string | null }>;
}

type Ctx = z.RefinementCtx;

/** Checks a plan document hangs together: unique ids, references that resolve, known statuses. */
export function checkReferences(doc: DocumentShape, ctx: Ctx): void {
  const idsOf = (kind: keyof DocumentShape, items: Identified[]) => {
    const ids = new Set<string>();
    items.forEach((item, i) => {
      if (ids.has(item.id))
        ctx.addIssue({
          code: 'custom',
          path: [kind, i, 'id'],
          message: `the id "${item.id}" is used twice`,
        });
      ids.add(item.id);
    });
    return ids;
  };
  const sections = idsOf('sections', doc.sections);
  const themes = idsOf('themes', doc.themes);
  const recommendations = idsOf('recommendations', doc.recommendations);
  const actions = idsOf('actions', doc.actions);
  idsOf('updates', doc.updates);
  const measures = idsOf('measures', doc.measures);
  idsOf('measureValues', doc.measureValues);
  idsOf('risks', doc.risks);
  idsOf('costs', doc.costs);
  const statuses = new Set(doc.ragScheme.statuses.map((s) => s.code));

  const refTo = (
    target: Set<string>,
    noun: string,
    value: string | null,
    path: Array<string | number>,
  ) => {
    if (value !== null && !target.has(value))
      ctx.addIssue({ code: 'custom', path, message: `no ${noun} has the id "${value}"` });
  };
  const status = (value: string | null, path: Array<string | number>) => {
    if (value !== null && !statuses.has(value)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `"${value}" is not a status of the ${[...statuses].join('/')} scheme`,
      });
    }
  };

  const boardNames = new Set<string>();
  doc.boards.forEach((b, i) => {
    if (boardNames.has(b.name))
      ctx.addIssue({
        code: 'custom',
        path: ['boards', i, 'name'],
        message: `the board "${b.name}" is listed twice`,
      });
    boardNames.add(b.name);
  });
  doc.recommendations.forEach((r, i) => {
    refTo(sections, 'section', r.sectionId, ['recommendations', i, 'sectionId']);
    refTo(themes, 'theme or workstream', r.themeId, ['recommendations', i, 'themeId']);
  });
  doc.actions.forEach((a, i) => {
    refTo(recommendations, 'recommendation', a.recommendationId, [
      'actions',
      i,
      'recommendationId',
    ]);
    refTo(themes, 'theme or workstream', a.themeId, ['actions', i, 'themeId']);
    status(a.status, ['actions', i, 'status']);
  });
  doc.updates.forEach((u, i) => {
    refTo(actions, 'action', u.actionId, ['updates', i, 'actionId']);
    status(u.proposedStatus, ['updates', i, 'proposedStatus']);
  });
  doc.measures.forEach((m, i) => {
    m.actionIds.forEach((id, j) => refTo(actions, 'action', id, ['measures', i, 'actionIds', j]));
    m.recommendationIds.forEach((id, j) =>
      refTo(recommendations, 'recommendation', id, ['measures', i, 'recommendationIds', j]),
    );
  });
  const periods = new Set<string>();
  doc.measureValues.forEach((v, i) => {
    refTo(measures, 'measure', v.measureId, ['measureValues', i, 'measureId']);
    if (v.period === null) return;
    const key = JSON.stringify([v.measureId, v.series, v.period]);
    if (periods.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['measureValues', i, 'period'],
        message: `the measure "${v.measureId}" has two ${v.series} values for ${v.period}`,
      });
    periods.add(key);
  });
  doc.risks.forEach((r, i) => {
    r.controlActionIds.forEach((id, j) =>
      refTo(actions, 'action', id, ['risks', i, 'controlActionIds', j]),
    );
  });
  doc.costs.forEach((c, i) => {
    refTo(actions, 'action', c.actionId, ['costs', i, 'actionId']);
    refTo(themes, 'theme or workstream', c.themeId, ['costs', i, 'themeId']);
  });
}
