import { stringify } from 'csv-stringify/sync';
import type { PackContent, PackMeasure } from './pack.types.js';

// The pack's actions and its measures as CSV, one row each: the actions in the layout
// councils print their plans in, the measures with numbers as plain numbers and dates as
// YYYY-MM-DD so a spreadsheet reads them as such. Cells a spreadsheet would run as a formula
// get a leading apostrophe.

const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const csv = (rows: string[][]) => stringify(rows, { record_delimiter: 'windows' });

/** The actions of a pack as CSV (RFC 4180, CRLF line ends). */
export function packCsv(pack: PackContent): string {
  const rows = pack.actions.map((a) =>
    [
      a.recommendation ?? '',
      a.label,
      a.text,
      a.leads,
      a.due,
      a.status.label,
      a.latestUpdate ?? '',
      a.evidence ?? '',
    ].map(defuse),
  );
  return csv([
    [
      'Recommendation',
      'Action',
      'What will be done',
      'Lead',
      'Due',
      'Status',
      'Latest update',
      'Evidence',
    ],
    ...rows,
  ]);
}

const BETTER = { higher: 'Higher', lower: 'Lower', range: 'In range' } as const;
const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The measures of a pack as CSV: latest value, target, impact and comparators, one row each. */
export function packMeasuresCsv(pack: PackContent): string {
  const row = (m: PackMeasure) => [
    defuse(m.name),
    m.unit ?? '',
    BETTER[m.direction],
    num(m.baseline?.value),
    m.baseline?.date ?? '',
    num(m.latest?.value),
    m.latest?.date ?? '',
    num(m.target?.value),
    defuse(m.target?.text ?? ''),
    defuse(m.target?.due ?? ''),
    m.impact?.words ??
      (m.targetMet === null ? 'No data' : m.targetMet ? 'Target met' : 'Below target'),
    m.trend,
    defuse(
      m.comparators
        .map((c) => `${c.name}: ${num(c.value) || 'no value'}${c.date ? ` (${c.date})` : ''}`)
        .join('; '),
    ),
  ];
  return csv([
    [
      'Measure',
      'Unit',
      'Better when',
      'Baseline',
      'Baseline date',
      'Latest',
      'Latest period',
      'Target',
      'Target in words',
      'Target due',
      'Impact',
      'Trend',
      'Comparators',
    ],
    ...pack.measures.map(row),
  ]);
}
