import {
  type ContentForm,
  type Doc,
  type FieldSpec,
  type Issue,
  labelOf,
  withBlank,
} from './content-form.js';
import { dueReadable, dueText, leadsText, parseLeadsField } from './form-fields.js';

// The edit forms for a plan's structure: sections, themes or workstreams, recommendations
// and new actions. Measures, risks and costs are in measure-forms.ts.

type Section = Doc['sections'][number];
type Theme = Doc['themes'][number];
type Recommendation = Doc['recommendations'][number];
type Action = Doc['actions'][number];

const CATEGORY = [
  { value: 'priority', text: 'Priority and immediate action' },
  { value: 'improvement', text: 'Area for improvement' },
];
const DUE_HINT =
  'As you would write it, for example ‘End June 2026’, ‘Autumn 2026’, ‘Quarterly’ or ‘Ongoing’';
const DUE_MESSAGE =
  'Enter a due date we can understand, such as ‘End June 2026’, ‘Autumn 2026’ or ‘Ongoing’';
const LEADS_HINT =
  'One per line, or separated by / or ;. A role title with commas, such as ‘Head of Service, Care Leavers’, stays one lead.';
const LEADS_MESSAGE = 'Each lead must be 200 characters or fewer, and there can be up to 50 leads';

const ref = (hint: string): FieldSpec => ({
  name: 'ref',
  label: 'Reference (optional)',
  hint,
  control: 'input',
  classes: 'govuk-input--width-10',
  max: 50,
  message: 'Reference must be 50 characters or fewer',
});
const leads: FieldSpec = {
  name: 'leads',
  label: 'Leads (optional)',
  hint: LEADS_HINT,
  control: 'textarea',
  max: 12_000,
  message: LEADS_MESSAGE,
};
const due: FieldSpec = {
  name: 'due',
  label: 'Due date (optional)',
  hint: DUE_HINT,
  control: 'input',
  classes: 'govuk-!-width-one-half',
  max: 200,
  message: DUE_MESSAGE,
};
const text = (v: string | undefined) => (v ?? '').trim() || null;

/** Reads leads and a due date, the two fields recommendations and actions share. */
function readLeadsAndDue(values: Record<string, string>, issues: Issue[]) {
  const parsed = parseLeadsField(values.leads ?? '');
  if (!parsed) issues.push({ field: 'leads', text: LEADS_MESSAGE });
  if (!dueReadable(values.due ?? '')) issues.push({ field: 'due', text: DUE_MESSAGE });
  return { leads: parsed ?? [], due: text(values.due) };
}

export const sectionForm: ContentForm<Section> = {
  kind: 'section',
  segment: 'sections',
  param: 'sectionId',
  noun: 'section',
  items: (doc) => doc.sections,
  name: (s) => `Section ${labelOf(s)}`,
  fields: () => [
    ref('For example ‘Section One’ or ‘A’'),
    {
      name: 'title',
      label: 'Title',
      control: 'input',
      max: 200,
      required: 'Enter the section’s title',
      message: 'Enter the section’s title',
    },
    {
      name: 'category',
      label: 'Kind of recommendations (optional)',
      control: 'select',
      items: withBlank('Not stated', CATEGORY),
      max: 20,
      message: 'Choose a kind from the list',
    },
  ],
  values: (s) => ({ ref: s?.ref ?? '', title: s?.title ?? '', category: s?.category ?? '' }),
  read: (v) => ({
    input: { ref: text(v.ref), title: v.title, category: v.category || null },
    issues: [],
  }),
  done: (planId) => `/plans/${planId}/edit#sections`,
};

export const themeForm: ContentForm<Theme> = {
  kind: 'theme',
  segment: 'themes',
  param: 'themeId',
  noun: 'theme or workstream',
  items: (doc) => doc.themes,
  name: (t) => `${t.kind === 'workstream' ? 'Workstream' : 'Theme'} ${labelOf(t)}`,
  fields: () => [
    {
      name: 'kind',
      label: 'Is it a theme or a workstream?',
      control: 'radios',
      items: [
        { value: 'theme', text: 'Theme' },
        { value: 'workstream', text: 'Workstream' },
      ],
      max: 20,
      required: 'Choose theme or workstream',
      message: 'Choose theme or workstream',
    },
    ref('For example ‘A’ or ‘Workstream 1’'),
    {
      name: 'title',
      label: 'Title',
      control: 'input',
      max: 200,
      required: 'Enter the title',
      message: 'Enter the title',
    },
    {
      name: 'sponsor',
      label: 'Strategic sponsor (optional)',
      control: 'input',
      max: 200,
      message: 'Sponsor must be 200 characters or fewer',
    },
    {
      name: 'lead',
      label: 'Operational lead (optional)',
      control: 'input',
      max: 200,
      message: 'Lead must be 200 characters or fewer',
    },
  ],
  values: (t) => ({
    kind: t?.kind ?? 'theme',
    ref: t?.ref ?? '',
    title: t?.title ?? '',
    sponsor: t?.sponsor ?? '',
    lead: t?.lead ?? '',
  }),
  read: (v, _ctx, t) => ({
    input: {
      kind: v.kind,
      ref: text(v.ref),
      title: v.title,
      sponsor: text(v.sponsor),
      lead: text(v.lead),
      ...(t ? {} : { commitments: [], successCriteria: [] }),
    },
    issues: [],
  }),
  done: (planId) => `/plans/${planId}/edit#themes`,
};

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
