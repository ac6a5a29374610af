import { describeFuzzyDate, type FuzzyDate, isOverdue } from '../lib/fuzzy-date/fuzzy-date.js';
import type { Doc } from '../plans/content/content-form.js';
import { lines } from '../plans/content/form-fields.js';
import { formatDate, leadNames, NO_DATE } from '../lib/format.js';
import { statusTag } from '../plans/plan.view-model.js';
import { actionLabels } from './action-label.js';
import {
  impactOf,
  impactTag,
  periodText,
  valueText as measureValueText,
  valuesOf,
} from '../measures/measure-facts.js';
import { ACTUAL } from '../measures/measure.schema.js';

// Plain values for the recommendation page: its words as written (line breaks kept), where
// it sits in the plan, its actions, the measures and risks that concern it.

type Measure = Doc['measures'][number];
const asDue = (due: unknown): FuzzyDate | null =>
  due && typeof due === 'object' ? (due as FuzzyDate) : null;
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || '—' } });
const CATEGORY: Record<string, string> = {
  priority: 'Priority and immediate action',
  improvement: 'Area for improvement',
};

function valueText(
  v: { value: number | null; date: string | null; text: string | null },
  unit: string | null,
) {
  const number = v.value === null ? '' : `${v.value}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
  const words = v.text ?? number;
  return v.date ? `${words} (${formatDate(v.date)})` : words;
}

function measureView(doc: Doc, m: Measure, today: string, href: string) {
  const impact = impactOf(doc, m, today);
  const latest = valuesOf(doc, m.id, ACTUAL)
    .filter((v) => v.value !== null)
    .at(-1);
  return {
    name: m.name,
    href,
    direction:
      m.direction === 'lower'
        ? 'Lower is better'
        : m.direction === 'higher'
          ? 'Higher is better'
          : 'Kept within a range',
    baseline: m.baseline ? valueText(m.baseline, m.unit) : 'Not recorded',
    targets: m.targets.map((t) => {
      const due = asDue(t.due);
      return due ? `${t.text} (${describeFuzzyDate(due)})` : t.text;
    }),
    latest: latest
      ? `${measureValueText(latest, m.unit)} (${periodText(latest.period, latest.periodLabel)})`
      : 'No values recorded yet',
    impact: impactTag(impact),
  };
}

/** The recommendation page, or null when the plan has no such recommendation. */
export function recommendationPage(
  doc: Doc,
  planId: string,
  recId: string,
  today: string,
  canEdit: boolean,
  /** Adds to a link within the plan what it must keep (the as-at day). */
  keep: (href: string) => string = (href) => href,
) {
  const rec = doc.recommendations.find((r) => r.id === recId);
  if (!rec) return null;
  const enc = encodeURIComponent;
  const href = `/plans/${planId}/recommendations/${enc(rec.id)}`;
  const section = doc.sections.find((s) => s.id === rec.sectionId);
  const theme = doc.themes.find((t) => t.id === rec.themeId);
  const due = asDue(rec.due);
  const actions = doc.actions.filter((a) => a.recommendationId === rec.id);
  const actionIds = new Set(actions.map((a) => a.id));
  const labels = actionLabels(doc);
  return {
    canEdit,
    planHref: keep(`/plans/${planId}`),
    planTitle: doc.plan.title,
    ref: rec.ref ?? rec.id,
    textLines: lines(rec.text),
    rows: [
      row('Section', section ? [section.ref, section.title].filter(Boolean).join(': ') : ''),
      row(
        theme?.kind === 'workstream' ? 'Workstream' : 'Theme',
        theme ? [theme.ref, theme.title].filter(Boolean).join(': ') : '',
      ),
      row('Kind', CATEGORY[rec.category ?? ''] ?? ''),
      row('Leads', rec.leads.length ? leadNames(rec.leads) : ''),
      row('Due date as written', due?.text ?? ''),
      row('Due date as understood', due ? describeFuzzyDate(due) : ''),
    ],
    editHref: `${href}/edit`,
    removeHref: `${href}/remove`,
    addActionHref: `${href}/actions/new`,
    planEditHref: `/plans/${planId}/edit`,
    settingsHref: `/plans/${planId}/settings`,
    actions: actions.map((a, index) => {
      const aDue = asDue(a.due);
      const aHref = `/plans/${planId}/actions/${enc(a.id)}`;
      return {
        ref: a.ref ?? String(index + 1),
        label: labels.get(a.id) ?? `Action ${index + 1}`,
        text: a.text,
        href: keep(aHref),
        leads: leadNames(a.leads),
        dueWritten: aDue?.text ?? NO_DATE,
        dueUnderstood: aDue ? describeFuzzyDate(aDue) : '',
        overdue: aDue ? isOverdue(aDue, today) : false,
        status: statusTag(doc, a.status),
        editHref: `${aHref}/edit`,
        removeHref: `${aHref}/remove`,
        moveHref: `${aHref}/move`,
        index,
        canMoveUp: index > 0,
        canMoveDown: index < actions.length - 1,
      };
    }),
    measures: doc.measures
      .filter(
        (m) => m.recommendationIds.includes(rec.id) || m.actionIds.some((id) => actionIds.has(id)),
      )
      .map((m) => measureView(doc, m, today, keep(`/plans/${planId}/measures/${enc(m.id)}`))),
    risks: doc.risks
      .filter((k) => k.controlActionIds.some((id) => actionIds.has(id)))
      .map((k) => ({
        threat: k.threat,
        before:
          [
            k.impactBefore && `impact ${k.impactBefore}`,
            k.probabilityBefore && `probability ${k.probabilityBefore}`,
          ]
            .filter(Boolean)
            .join(', ') || 'Not rated',
        controls: k.controls ?? '',
        after:
          [
            k.impactAfter && `impact ${k.impactAfter}`,
            k.probabilityAfter && `probability ${k.probabilityAfter}`,
          ]
            .filter(Boolean)
            .join(', ') || 'Not rated',
        owner: k.owner ?? '',
      })),
  };
}
