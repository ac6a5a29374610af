import type { ImportWarning, WarningCode } from './import.types.js';

// The importer's warnings grouped by kind, each kind with what it is about and what the
// importer assumed, so a person sees "7 actions with no lead" once instead of seven lines.
// The review page and `g2g import` both show these groups, in this order (the ones to act on
// first).

interface KindWords {
  /** What the group is about, after its count: "7 actions with no lead". */
  one: string;
  many: string;
  /** What the importer did about it. */
  assumed: string;
}

const KINDS: Record<WarningCode, KindWords> = {
  'personal-data': {
    one: 'piece of text that looks like personal data about a child',
    many: 'pieces of text that look like personal data about a child',
    assumed: 'Nothing was removed: remove it before you create the plan.',
  },
  'lists-unpaired': {
    one: 'recommendation whose lists of actions, leads and dates do not pair',
    many: 'recommendations whose lists of actions, leads and dates do not pair',
    assumed:
      "Each of its actions was given all the row's leads and the row's latest date. Correct each action's lead and date.",
  },
  'no-lead': {
    one: 'action with no lead',
    many: 'actions with no lead',
    assumed: 'Left without a lead: add one to each.',
  },
  'lead-not-a-person': {
    one: 'lead cell that reads as a sentence',
    many: 'lead cells that read as sentences',
    assumed: 'The sentences were not made leads. Check each action’s lead.',
  },
  'unparsed-date': {
    one: 'due date that could not be read',
    many: 'due dates that could not be read',
    assumed: 'The words are kept, but the item has no date it can be late against.',
  },
  'date-outside-period': {
    one: 'due date outside the plan period',
    many: 'due dates outside the plan period',
    assumed: 'Kept as written.',
  },
  'date-assumed': {
    one: 'due date read with an assumption',
    many: 'due dates read with an assumption',
    assumed: 'Each says which date was used.',
  },
  'status-unknown': {
    one: 'status that the plan’s RAG scheme does not have',
    many: 'statuses that the plan’s RAG scheme does not have',
    assumed: 'No status was given.',
  },
  'status-conflict': {
    one: 'status to check',
    many: 'statuses to check',
    assumed: 'Each says which status was used.',
  },
  'update-undated': {
    one: 'progress update without a date',
    many: 'progress updates without a date',
    assumed: 'Each says which date was used or where the words were kept.',
  },
  'cost-no-amount': {
    one: 'cost cell with words but no amount',
    many: 'cost cells with words but no amount',
    assumed: 'No cost was recorded; the words are kept in the warning.',
  },
  'totals-differ': {
    one: 'stated total that does not match its items',
    many: 'stated totals that do not match their items',
    assumed: 'The items are kept; the stated total is not.',
  },
  'columns-realigned': {
    one: 'table whose columns were moved to match what they hold',
    many: 'tables whose columns were moved to match what they hold',
    assumed: 'Each column was read by what its cells hold rather than its heading.',
  },
  'figures-unclear': {
    one: 'table of figures to check',
    many: 'tables of figures to check',
    assumed: 'The figures that could be read are kept with their measure.',
  },
  'council-name-missing': {
    one: 'council name not found',
    many: 'council names not found',
    assumed: 'The file’s name is used instead.',
  },
  'unplaced-row': {
    one: 'row not placed in the plan',
    many: 'rows not placed in the plan',
    assumed: 'Left out of the draft.',
  },
  skipped: {
    one: 'piece of text not kept',
    many: 'pieces of text not kept',
    assumed: 'Not in the draft.',
  },
  ambiguous: {
    one: 'other thing to check',
    many: 'other things to check',
    assumed: 'Each says what was assumed.',
  },
};

const ORDER = Object.keys(KINDS) as WarningCode[];

export interface WarningGroup {
  kind: WarningCode;
  count: number;
  /** "7 actions with no lead". */
  title: string;
  /** "Left without a lead: add one to each." */
  assumed: string;
  /** The warnings' positions in the draft's list, in order. */
  indexes: number[];
}

/** The warnings grouped by kind, in the order a person should deal with them. */
export function groupWarnings(warnings: readonly ImportWarning[]): WarningGroup[] {
  const byKind = new Map<WarningCode, number[]>();
  warnings.forEach((w, i) => {
    const kind = w.code in KINDS ? w.code : 'ambiguous';
    byKind.set(kind, [...(byKind.get(kind) ?? []), i]);
  });
  return ORDER.flatMap((kind) => {
    const indexes = byKind.get(kind);
    if (!indexes) return [];
    const words = KINDS[kind];
    const count = indexes.length;
    return [
      {
        kind,
        count,
        title: `${count} ${count === 1 ? words.one : words.many}`,
        assumed: words.assumed,
        indexes,
      },
    ];
  });
}
