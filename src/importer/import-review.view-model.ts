import { describeFuzzyDate, parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { DraftState } from './import-draft.repository.js';
import type { Duplicate } from './import-draft.service.js';
import { dueText, type ItemKind, itemsOf } from './import-draft-rows.js';
import type { ImportWarning, SourceLocation } from './import.types.js';
import { groupWarnings } from './import-warning-groups.js';

// The review page of an imported draft: its recommendations and actions (and its sections,
// workstreams and themes), each with the importer's warnings beside it, and a list of every
// warning linking to its row. Which row a warning concerns is found at upload
// (import-warning-places.ts).

/** "line 267, table 6": where in the uploaded file a warning came from. */
export function describePlace(where: SourceLocation): string {
  const parts = [
    where.sheet ? `sheet ${where.sheet}` : null,
    where.table ? `table ${where.table}` : null,
    where.line ? `line ${where.line}` : null,
    where.column ? `column ${where.column}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'the document as a whole';
}

/** "Section One: Priority and immediate action", "Workstream A: Leadership". */
function groupLabel(
  kind: 'theme' | 'section',
  g: { ref?: string | null; title: string; kind?: string },
) {
  const name = kind === 'section' ? 'Section' : g.kind === 'workstream' ? 'Workstream' : 'Theme';
  return `${name}${g.ref ? ` ${g.ref}` : ''}: ${g.title}`;
}

/** The id used for a row's anchor on the review page. */
export const anchorOf = (kind: ItemKind, id: string) =>
  `${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Everything the review page shows, as plain values. */
export function reviewPage(state: DraftState, base: string, council: string, fileName: string) {
  const doc = state.document;
  const places = state.places;
  const changed = new Set(state.changed);
  const statuses = doc.ragScheme.statuses;
  const warning = (w: ImportWarning, i: number) => {
    const place = places[i] ?? null;
    const key = place ? `${place.kind}:${place.id}` : null;
    return {
      number: i + 1,
      message: w.message,
      quoted: w.text ?? null,
      where: describePlace(w.where),
      corrected: key !== null && changed.has(key),
      rowHref: place ? `#${anchorOf(place.kind, place.id)}` : null,
      rowLabel: place ? labelOf(place.kind, place.id) : null,
    };
  };
  const labelOf = (kind: ItemKind, id: string) => {
    if (kind === 'theme' || kind === 'section') {
      const group = [...doc.themes, ...doc.sections].find((g) => g.id === id);
      return groupLabel(kind, group ?? { ref: null, title: id });
    }
    const item = itemsOf(state).find((i) => i.kind === kind && i.id === id);
    return `${kind === 'action' ? 'Action' : 'Recommendation'} ${item?.ref ?? id}`;
  };
  const warnings = state.warnings.map(warning);
  const warningsFor = (kind: ItemKind, id: string) =>
    warnings.filter((_w, i) => places[i]?.kind === kind && places[i]?.id === id);
  const due = (value: unknown) => {
    const text = dueText(value);
    if (!text) return { text: 'None', understood: '' };
    const parsed =
      typeof value === 'object' && value
        ? (value as ReturnType<typeof parseFuzzyDate>)
        : parseFuzzyDate(text);
    return {
      text,
      understood: parsed.kind === 'unknown' ? 'Not understood' : describeFuzzyDate(parsed),
    };
  };
  const status = (code: string | null | undefined) => {
    if (!code) return { text: 'No status', classes: 'govuk-tag--grey' };
    const s = statuses.find((x) => x.code === code);
    return s
      ? { text: s.label, classes: `govuk-tag--${s.colour}` }
      : { text: code, classes: 'govuk-tag--grey' };
  };
  const actionRow = (a: (typeof doc.actions)[number]) => ({
    anchor: anchorOf('action', a.id),
    ref: a.ref ?? '',
    text: a.text,
    outcomes: a.outcomes ?? '',
    leads: a.leads.map((l) => l.name).join(', ') || 'None',
    due: due(a.due),
    status: status(a.status),
    changed: changed.has(`action:${a.id}`),
    changeHref: `${base}/actions/${encodeURIComponent(a.id)}`,
    warnings: warningsFor('action', a.id),
  });
  const recommendations = doc.recommendations.map((r) => ({
    anchor: anchorOf('recommendation', r.id),
    ref: r.ref ?? '',
    text: r.text,
    leads: r.leads.map((l) => l.name).join(', '),
    due: due(r.due),
    changed: changed.has(`recommendation:${r.id}`),
    changeHref: `${base}/recommendations/${encodeURIComponent(r.id)}`,
    warnings: warningsFor('recommendation', r.id),
    actions: doc.actions.filter((a) => a.recommendationId === r.id).map(actionRow),
  }));
  const recIds = new Set(doc.recommendations.map((r) => r.id));
  const groups = [
    ...doc.sections.map((g) => ({ kind: 'section' as const, g, people: '' })),
    ...doc.themes.map((g) => ({
      kind: 'theme' as const,
      g,
      people: [g.sponsor ? `Sponsor: ${g.sponsor}` : '', g.lead ? `Lead: ${g.lead}` : '']
        .filter(Boolean)
        .join('. '),
    })),
  ].map(({ kind, g, people }) => ({
    anchor: anchorOf(kind, g.id),
    label: groupLabel(kind, g),
    people,
    warnings: warningsFor(kind, g.id),
  }));
  const corrected = warnings.filter((w) => w.corrected).length;
  return {
    council,
    fileName,
    title: doc.plan.title,
    summary: [
      ['Council', council],
      ['Plan', doc.plan.title],
      ['Period', `${doc.plan.periodStart ?? '?'} to ${doc.plan.periodEnd ?? '?'}`],
      [
        'Found',
        [
          plural(doc.recommendations.length, 'recommendation'),
          plural(doc.actions.length, 'action'),
          plural(doc.measures.length, 'measure'),
          plural(doc.risks.length, 'risk'),
          plural(doc.costs.length, 'cost'),
          plural(doc.updates.length, 'progress update'),
        ].join(', '),
      ],
      [
        'Warnings',
        `${plural(warnings.length, 'warning')}${corrected ? `, ${corrected} on rows you corrected` : ''}`,
      ],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    warnings,
    // The list on the page: by kind, each kind with its count and what the importer assumed.
    warningGroups: groupWarnings(state.warnings).map((g) => ({
      title: g.title,
      assumed: g.assumed,
      warnings: g.indexes.flatMap((i) => warnings[i] ?? []),
    })),
    documentWarnings: warnings.filter((w) => !w.rowHref),
    recommendations,
    groups,
    otherActions: doc.actions
      .filter((a) => !a.recommendationId || !recIds.has(a.recommendationId))
      .map(actionRow),
  };
}

const CHOOSE = 'Select whether to import it as a new version or cancel the import';

/**
 * The warning and the choice shown when the council already has a plan of the draft's
 * title; `unchosen` when the person confirmed without choosing.
 */
export function duplicateChoice(duplicate: Duplicate, council: string, unchosen: boolean) {
  return {
    warning: `${council} already has a plan called “${duplicate.title}”. Importing this file makes a second plan with the same title.`,
    error: unchosen ? CHOOSE : null,
    radios: {
      idPrefix: 'choice',
      name: 'choice',
      fieldset: {
        legend: {
          text: `${council} already has a plan with this title. What do you want to do?`,
          classes: 'govuk-fieldset__legend--s',
        },
      },
      errorMessage: unchosen ? { text: CHOOSE } : undefined,
      items: [
        {
          value: 'new-version',
          text: 'Import it as a new version',
          hint: { text: `The new plan is labelled “${duplicate.asVersion}”.` },
        },
        {
          value: 'cancel',
          text: 'Cancel the import',
          hint: { text: 'Nothing from this file is saved.' },
        },
      ],
    },
  };
}
