import { actionLabels } from '../actions/action-label.js';
import { formatDate, leadNames } from '../lib/format.js';
import { type Doc, dueWords, packStatus } from './pack-actions.js';
import type { PackStatus } from './pack.types.js';

// The plan itself as the document councils send Ofsted and the Secretary of State (the
// statement of action): for each recommendation its text, then a table of its actions with
// reference, action, lead, due date as written, success measures or outcomes, and status.

export interface StatementAction {
  ref: string;
  text: string;
  leads: string;
  due: string;
  /** The action's outcomes and the measures that show it worked, each a line. */
  success: string[];
  status: PackStatus;
}

export interface StatementRecommendation {
  heading: string;
  /** Its section, theme or workstream, and its priority, in words (or null). */
  context: string | null;
  text: string;
  leads: string;
  due: string;
  actions: StatementAction[];
}

export interface PlanStatement {
  title: string;
  council: string;
  versionLabel: string | null;
  /** "Statement of action" or "First draft of priority actions". */
  kind: string;
  /** What the plan answers: the inspection and its report's dates, in words (or null). */
  inspection: string | null;
  recommendations: StatementRecommendation[];
  /** Actions the plan holds under no recommendation. */
  otherActions: StatementAction[];
  /** The plan's status and the day the document was made, in words. */
  madeOn: string;
}

const FRAMEWORK_WORDS: Record<string, string> = {
  SIF: 'Ofsted’s inspection under the single inspection framework',
  ILACS: 'Ofsted’s inspection of local authority children’s services',
  'focused visit': 'Ofsted’s focused visit',
  'monitoring visit': 'Ofsted’s monitoring visit',
  JTAI: 'the joint targeted area inspection',
  other: 'Ofsted’s inspection',
};
const CATEGORY = { priority: 'Priority action', improvement: 'Area for improvement' } as const;

/** The statement of action from the plan as it stands (a document of the plan). */
export function planStatement(doc: Doc, today: string): PlanStatement {
  const labels = actionLabels(doc);
  const sections = new Map(doc.sections.map((s) => [s.id, s]));
  const themes = new Map(doc.themes.map((t) => [t.id, t]));
  const measuresOf = (test: (m: Doc['measures'][number]) => boolean) =>
    doc.measures.filter(test).map((m) => {
      const target = m.targets.map((t) => t.text.trim()).filter((t) => t && t !== m.name);
      return `Measure: ${m.name}${target.length ? ` (target: ${target.join('; ')})` : ''}`;
    });
  const action = (a: Doc['actions'][number]): StatementAction => ({
    ref: a.ref ?? labels.get(a.id) ?? '',
    text: a.text,
    leads: leadNames(a.leads),
    due: dueWords(a.due),
    success: [
      ...(a.outcomes ? a.outcomes.split(/\n+/).filter((l) => l.trim()) : []),
      ...measuresOf((m) => m.actionIds.includes(a.id)),
    ],
    status: packStatus(doc, a.status),
  });
  const titled = (ref: string | null, title: string) => [ref, title].filter(Boolean).join(' ');
  const recommendations = doc.recommendations.map((r, i) => {
    const section = r.sectionId ? sections.get(r.sectionId) : undefined;
    const theme = r.themeId ? themes.get(r.themeId) : undefined;
    const context = [
      section && titled(section.ref, section.title),
      theme &&
        `${theme.kind === 'workstream' ? 'Workstream' : 'Theme'}: ${titled(theme.ref, theme.title)}`,
      // A section names the priority already ("Priority and immediate action").
      !section && r.category && CATEGORY[r.category],
    ].filter(Boolean);
    return {
      heading: `Recommendation ${r.ref ?? i + 1}`,
      context: context.length ? context.join('. ') : null,
      text: r.text,
      leads: leadNames(r.leads),
      due: dueWords(r.due),
      actions: doc.actions.filter((a) => a.recommendationId === r.id).map(action),
    };
  });
  const known = new Set(doc.recommendations.map((r) => r.id));
  const inspection = doc.inspection;
  const reported = inspection?.publishedOn
    ? `, report published ${formatDate(inspection.publishedOn)}`
    : '';
  return {
    title: doc.plan.title,
    council: doc.organisation.name,
    versionLabel: doc.plan.versionLabel,
    kind:
      doc.plan.statementKind === 'priority-action-draft'
        ? 'First draft of priority actions'
        : 'Statement of action',
    inspection: inspection
      ? `In answer to ${FRAMEWORK_WORDS[inspection.framework] ?? 'Ofsted’s inspection'}${reported}.`
      : null,
    recommendations,
    otherActions: doc.actions
      .filter((a) => !a.recommendationId || !known.has(a.recommendationId))
      .map(action),
    madeOn: `The plan as it stood on ${formatDate(today)} (${doc.plan.status}).`,
  };
}

/** "improvement-plan-statement-of-action.docx". */
export function statementFileName(statement: PlanStatement, ext: string): string {
  const slug = statement.title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${slug || 'plan'}-statement-of-action.${ext}`;
}
