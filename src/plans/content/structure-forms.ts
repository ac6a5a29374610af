import { type ContentForm, type Doc, labelOf, withBlank } from './content-form.js';
import { CATEGORY, ref, text } from './field-specs.js';

// The edit forms for a plan's structure: sections and themes or workstreams. Each concept
// keeps its own: actions/action-forms.ts, measures/, risks/ and costs/.

type Section = Doc['sections'][number];
type Theme = Doc['themes'][number];

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
