import type { Doc } from './content-form.js';
import { labelOf } from './content-form.js';
import { poundsText } from './form-fields.js';

// Plain values for the "Edit this plan" page: each kind of content with its change and
// remove links, recommendations with "Move up" / "Move down" forms.

const enc = encodeURIComponent;

function links(planId: string, segment: string, id: string) {
  const base = `/plans/${planId}/${segment}/${enc(id)}`;
  return { editHref: `${base}/edit`, removeHref: `${base}/remove` };
}

/** Everything plan-edit.njk shows. */
export function planEditPage(doc: Doc, planId: string) {
  const recs = doc.recommendations;
  const list = <T extends { id: string }>(
    segment: string,
    noun: string,
    items: readonly T[],
    label: (i: T) => string,
    kind?: (i: T) => string,
  ) =>
    items.map((i) => ({
      label: label(i),
      kind: kind ? kind(i) : null,
      /** What the change and remove links say to a screen reader after "Change" or "Remove". */
      about: `${kind ? kind(i).toLowerCase() : noun} ${label(i)}`,
      ...links(planId, segment, i.id),
    }));
  return {
    title: doc.plan.title,
    planHref: `/plans/${planId}`,
    settingsHref: `/plans/${planId}/settings`,
    groups: [
      {
        id: 'sections',
        title: 'Sections',
        addHref: `/plans/${planId}/sections/new`,
        addText: 'Add a section',
        items: list('sections', 'section', doc.sections, labelOf),
      },
      {
        id: 'themes',
        title: 'Themes and workstreams',
        addHref: `/plans/${planId}/themes/new`,
        addText: 'Add a theme or workstream',
        // The kind in a column of its own: "Theme" run into "Outcomes for care leavers" reads as one name.
        kindHeader: 'Kind',
        items: list('themes', 'theme or workstream', doc.themes, labelOf, (t) =>
          t.kind === 'workstream' ? 'Workstream' : 'Theme',
        ),
      },
    ],
    recommendations: recs.map((r, index) => ({
      ref: r.ref ?? r.id,
      text: labelOf({ text: r.text }),
      href: `/plans/${planId}/recommendations/${enc(r.id)}`,
      actions: doc.actions.filter((a) => a.recommendationId === r.id).length,
      moveHref: `/plans/${planId}/recommendations/${enc(r.id)}/move`,
      index,
      moves: [
        { direction: 'up', text: 'Move up', allowed: index > 0 },
        { direction: 'down', text: 'Move down', allowed: index < recs.length - 1 },
      ].filter((m) => m.allowed),
      ...links(planId, 'recommendations', r.id),
    })),
    addRecommendationHref: `/plans/${planId}/recommendations/new`,
    after: [
      {
        id: 'measures',
        title: 'Measures',
        addHref: `/plans/${planId}/measures/new`,
        addText: 'Add a measure',
        items: list('measures', 'measure', doc.measures, (m) =>
          labelOf({ ref: m.ref, text: m.name }),
        ),
      },
      {
        id: 'risks',
        title: 'Risks',
        addHref: `/plans/${planId}/risks/new`,
        addText: 'Add a risk',
        items: list('risks', 'risk', doc.risks, (k) => labelOf({ ref: k.ref, text: k.threat })),
      },
      {
        id: 'costs',
        title: 'Costs',
        addHref: `/plans/${planId}/costs/new`,
        addText: 'Add a cost',
        items: list('costs', 'cost', doc.costs, (c) =>
          [
            labelOf({ text: c.item }),
            `£${poundsText(c.amountPence)}`,
            c.recurrence,
            c.financialYear ?? '',
          ]
            .filter(Boolean)
            .join(', '),
        ),
      },
    ],
  };
}
