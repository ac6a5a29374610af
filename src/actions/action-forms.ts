import {
  type ContentForm,
  type Doc,
  type Issue,
  labelOf,
  withBlank,
} from '../plans/content/content-form.js';
import { CATEGORY, due, leads, readLeadsAndDue, ref, text } from '../plans/content/field-specs.js';
import { dueText, leadsText } from '../plans/content/form-fields.js';

// The edit forms for recommendations and new actions (an action's own change page is
// action-edit.routes.ts).

type Recommendation = Doc['recommendations'][number];
type Action = Doc['actions'][number];

export const recommendationForm: ContentForm<Recommendation> = {
  kind: 'recommendation',
  segment: 'recommendations',
  param: 'recId',
  noun: 'recommendation',
  items: (doc) => doc.recommendations,
  name: (r) => `Recommendation ${r.ref ?? r.id}`,
  fields: ({ doc }) => [
    ref('For example ‘1’ or ‘4’'),
    {
      name: 'text',
      label: 'Recommendation',
      hint: 'The inspectors’ words, exactly as written',
      control: 'textarea',
      max: 20_000,
      required: 'Enter the recommendation',
      message: 'Enter the recommendation',
    },
    {
      name: 'category',
      label: 'Kind of recommendation (optional)',
      control: 'select',
      items: withBlank('Not stated', CATEGORY),
      max: 20,
      message: 'Choose a kind from the list',
    },
    {
      name: 'sectionId',
      label: 'Section (optional)',
      control: 'select',
      items: withBlank(
        'No section',
        doc.sections.map((s) => ({ value: s.id, text: labelOf(s) })),
      ),
      max: 64,
      message: 'Choose a section from the list',
    },
    {
      name: 'themeId',
      label: 'Theme or workstream (optional)',
      control: 'select',
      items: withBlank(
        'None',
        doc.themes.map((t) => ({ value: t.id, text: labelOf(t) })),
      ),
      max: 64,
      message: 'Choose a theme or workstream from the list',
    },
    leads,
    due,
  ],
  values: (r) => ({
    ref: r?.ref ?? '',
    text: r?.text ?? '',
    category: r?.category ?? '',
    sectionId: r?.sectionId ?? '',
    themeId: r?.themeId ?? '',
    leads: leadsText(r?.leads ?? []),
    due: dueText(r?.due),
  }),
  read: (v, _ctx, r) => {
    const issues: Issue[] = [];
    const shared = readLeadsAndDue(v, issues);
    return {
      input: {
        ref: text(v.ref),
        text: v.text,
        category: v.category || null,
        sectionId: v.sectionId || null,
        themeId: v.themeId || null,
        ...shared,
        ...(r ? {} : { judgementArea: null }),
      },
      issues,
    };
  },
  done: (planId, r) => `/plans/${planId}/recommendations/${encodeURIComponent(r.id)}`,
};

/** Adding an action under a recommendation (changing one is action-edit.routes.ts). */
export const actionForm: ContentForm<Action> = {
  kind: 'action',
  segment: 'actions',
  param: 'actionId',
  noun: 'action',
  items: (doc) => doc.actions,
  name: (a) => `Action ${a.ref ?? a.id}`,
  fields: ({ doc }) => [
    ref('For example ‘1.3’'),
    {
      name: 'text',
      label: 'Action',
      control: 'textarea',
      max: 20_000,
      required: 'Enter the action',
      message: 'Enter the action',
    },
    {
      name: 'outcomes',
      label: 'Expected outcomes (optional)',
      control: 'textarea',
      max: 20_000,
      message: 'Expected outcomes must be 20,000 characters or fewer',
    },
    leads,
    due,
    {
      name: 'status',
      label: 'Status (optional)',
      control: 'select',
      items: withBlank(
        'No status',
        doc.ragScheme.statuses.map((s) => ({ value: s.code, text: s.label })),
      ),
      max: 50,
      message: 'Choose a status from the list',
    },
  ],
  values: (_a, { doc, parentId }) => {
    const rec = doc.recommendations.find((r) => r.id === parentId);
    const count = doc.actions.filter((a) => a.recommendationId === parentId).length;
    return {
      ref: rec?.ref ? `${rec.ref}.${count + 1}` : '',
      text: '',
      outcomes: '',
      leads: '',
      due: '',
      status: '',
    };
  },
  read: (v, { parentId }) => {
    const issues: Issue[] = [];
    const shared = readLeadsAndDue(v, issues);
    return {
      input: {
        recommendationId: parentId ?? null,
        themeId: null,
        ref: text(v.ref),
        text: v.text,
        outcomes: text(v.outcomes) === null ? null : (v.outcomes ?? null),
        ...shared,
        status: v.status || null,
        evidence: null,
      },
      issues,
    };
  },
  done: (planId, a) =>
    typeof a.recommendationId === 'string'
      ? `/plans/${planId}/recommendations/${encodeURIComponent(a.recommendationId)}`
      : `/plans/${planId}/actions/${encodeURIComponent(a.id)}`,
};
