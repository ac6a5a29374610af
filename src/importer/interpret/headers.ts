// Column roles are recognised by the words councils put in header cells, so a plan laid out
// in any column order (or with garbled extra columns) maps onto the same fields.
export type ColumnRole =
  | 'ref'
  | 'recommendation'
  | 'action'
  | 'outcome'
  | 'target'
  | 'measure'
  | 'lead'
  | 'due'
  | 'evidence'
  | 'rag'
  | 'update'
  | 'cost'
  /** A column a person (or the importer: one value on every row) chose to leave out. */
  | 'ignore';

/**
 * Header words tried in order; the first role whose pattern matches a header cell wins. The
 * more specific readings come first, so a prefix never beats a better one: "Action owner" is
 * a lead, "Action no." a reference, "Target date" a date, "Progress status" a RAG column.
 */
const SYNONYMS: Array<[ColumnRole, RegExp]> = [
  [
    'ref',
    /^(ref\.?|refs?|reference|no\.?|number|#|id|item|rec\.?( no\.?)?|(recommendation|action|item) (no\.?|number|id|ref\.?))$/i,
  ],
  [
    'lead',
    /^(lead\(?s?\)?|leads?\b|by whom|who\b|owner|action owner|assigned to|accountable|responsib|officer)/i,
  ],
  [
    'due',
    /^(completion date|timescales?|by when|date due|due\b|deadline|target date|end date|when\b|by\??$|date\b)/i,
  ],
  [
    'rag',
    /^(rag\b|status$|rag status|progress status|delivery status|current status|overall status)|\brag\b/i,
  ],
  [
    'update',
    /^(progress update|status update|update from|updates?\b|latest (update|position)|progress\b|commentary|comments?\b|position\b|notes?$)/i,
  ],
  ['recommendation', /^(ofsted )?(recommendation|area for improvement)/i],
  ['measure', /^(improvement measure|success measure|measure|kpi|performance measure)/i],
  [
    'action',
    /^(actions? planned|actions?\b|what (we will|will we|we are going to) do|tasks?\b|activit|required outcomes?)/i,
  ],
  ['outcome', /^(outcomes?|expected outcomes?|intended outcomes?|impact)$/i],
  ['target', /^(target|goal)/i],
  ['evidence', /^evidence/i],
  ['cost', /^(costs?\b|resources|budget)/i],
];

/** Words listed when a table cannot be read, so the user knows what we looked for. */
export const LOOKED_FOR = [
  'Recommendation',
  'Action',
  'Outcome',
  'Target/Goal',
  'Improvement Measure',
  'Lead',
  'Completion date/By When?',
  'Evidence',
  'RAG/Status',
  'Progress Update',
  'Cost/Resources required',
  'Ref',
];

// Cyrillic and Greek letters that PDF extraction sometimes puts for Latin ones ("Ву When?").
const LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  Ι: 'I',
  Ο: 'O',
  ο: 'o',
};

export function roleOf(cell: string): ColumnRole | null {
  const words = cell
    .replace(/[А-яіΙΟο]/g, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
  // Long cells are content, not headers: "Action" alone is a header, a sentence is not.
  if (!words || words.length > 120) return null;
  // "Action 2.3 Measure the..." and "Measure not yet defined." are a row's content.
  if (/^(actions?|recommendations?|rec)\.?\s*[a-z]?\d/i.test(words)) return null;
  if (/\.$/.test(words) && words.split(' ').length > 2) return null;
  for (const [role, pattern] of SYNONYMS) if (pattern.test(words)) return role;
  return null;
}

export type ColumnMap = Map<number, ColumnRole>;

/**
 * The roles of a row's cells when it is a header row: at least two distinct roles, one of
 * them something a plan row needs (action, recommendation, lead or due). Else null.
 */
export function headerMap(cells: string[]): ColumnMap | null {
  const map: ColumnMap = new Map();
  const seen = new Set<ColumnRole>();
  cells.forEach((cell, i) => {
    const role = roleOf(cell);
    if (role === 'ref' && seen.has('ref')) {
      secondRef(map, cells, i);
      return;
    }
    if (role && !seen.has(role)) {
      map.set(i, role);
      seen.add(role);
    }
  });
  const core = ['action', 'recommendation', 'lead', 'due'].some((r) => seen.has(r as ColumnRole));
  return seen.size >= 2 && core ? map : null;
}

// A list's own row number ("ID", "#", "Item"), beside the plan's references, is not one.
const ROW_NUMBER = /^(id|#|item|row( id| no\.?)?)$/i;

/**
 * A second reference column: a list's row number gives way to the plan's references (it is
 * ignored); an action's own reference ("Action ref") beside the row's ("No.") is kept as a
 * second reference column, which holds the action's reference (see `actionRefIndex`).
 */
function secondRef(map: ColumnMap, cells: string[], i: number): void {
  const first = indexOf(map, 'ref');
  const words = (cells[i] ?? '').trim();
  if (ROW_NUMBER.test(words)) map.set(i, 'ignore');
  else if (ROW_NUMBER.test((cells[first] ?? '').trim())) {
    map.set(first, 'ignore');
    map.set(i, 'ref');
  } else if (/\baction\b/i.test(words)) map.set(i, 'ref');
}

/** The column of actions' own references when a table has two reference columns, or -1. */
export function actionRefIndex(map: ColumnMap): number {
  const refs = [...map].filter(([, r]) => r === 'ref').map(([i]) => i);
  return refs.length > 1 ? Math.max(...refs) : -1;
}

/** The cell under a role, or '' when the table has no such column. */
export function cellOf(cells: string[], map: ColumnMap, role: ColumnRole): string {
  for (const [i, r] of map) if (r === role) return cells[i] ?? '';
  return '';
}

/** Index of a role's column, or -1. */
export function indexOf(map: ColumnMap, role: ColumnRole): number {
  for (const [i, r] of map) if (r === role) return i;
  return -1;
}

/**
 * Whether a header row repeats the table's first header: the same roles in the same columns,
 * but for cells a merge left blank. A header with words the first lacks is a new one.
 */
export function repeatsHeader(header: ColumnMap, first: ColumnMap, cells: string[]): boolean {
  return (
    [...header].every(([i, role]) => first.get(i) === role) &&
    [...first.keys()].every((i) => header.has(i) || !(cells[i] ?? '').trim())
  );
}
