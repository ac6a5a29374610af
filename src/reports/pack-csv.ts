import { stringify } from 'csv-stringify/sync';
import type { PackContent } from './pack.types.js';

// The pack's actions as CSV, one row each, in the layout councils print their plans in.
// Cells a spreadsheet would run as a formula get a leading apostrophe.

const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

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
  return stringify(
    [
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
    ],
    { record_delimiter: 'windows' },
  );
}
