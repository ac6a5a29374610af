import type ExcelJS from 'exceljs';
import { excel } from '../lib/exceljs.js';
import type { PackAction, PackContent } from './pack.types.js';

// The pack as a workbook: a sheet per part, each with a frozen header row and filters;
// counts and money are numbers, dates are dates.

type Cell = string | number | Date | null;
interface Column {
  header: string;
  width: number;
  kind?: 'date' | 'money' | 'number';
}

const BETTER = { higher: 'Higher', lower: 'Lower', range: 'In range' } as const;

const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function sheet(book: ExcelJS.Workbook, name: string, columns: Column[], rows: Cell[][]) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style:
      c.kind === 'date'
        ? { numFmt: 'd mmmm yyyy' }
        : c.kind === 'money'
          ? { numFmt: '£#,##0.00' }
          : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

const ACTION_COLUMNS: Column[] = [
  { header: 'Exception', width: 30 },
  { header: 'Action', width: 16 },
  { header: 'What will be done', width: 60 },
  { header: 'Lead', width: 30 },
  { header: 'Due', width: 18 },
  { header: 'Status', width: 14 },
  { header: 'More', width: 24 },
];
const actionRow = (kind: string, a: PackAction, more = ''): Cell[] => [
  kind,
  a.label,
  a.text,
  a.leads,
  a.due,
  a.status.label,
  more,
];

/** The pack as an .xlsx workbook. */
export async function packXlsx(pack: PackContent, meeting: string | null): Promise<Buffer> {
  const book = new (await excel()).Workbook();
  book.title = `${pack.board.name}: ${pack.plan.title}`;
  book.subject = `Board pack as at ${pack.asAt}${meeting ? `, ${meeting}` : ''}`;
  book.creator = pack.plan.council;
  const summary: Cell[][] = [
    ['Whole plan', 'All actions', pack.headline.total, null],
    ...pack.headline.byStatus.map((c): Cell[] => ['Whole plan', c.label, c.n, c.change]),
    ...pack.headline.parts.flatMap((p) =>
      p.byStatus.map((c): Cell[] => [`${p.kind}: ${p.title}`, c.label, c.n, c.change]),
    ),
  ];
  sheet(
    book,
    'Summary',
    [
      { header: 'Part of the plan', width: 50 },
      { header: 'Status', width: 16 },
      { header: 'Actions', width: 10, kind: 'number' },
      { header: 'Move since previous pack', width: 14, kind: 'number' },
    ],
    summary,
  );
  const ex = pack.exceptions;
  sheet(book, 'Exceptions', ACTION_COLUMNS, [
    ...ex.red.map((a) => actionRow('Red or off track', a)),
    ...ex.overdue.map((a) => actionRow('Overdue', a)),
    ...ex.slipped.map((a) => actionRow('Slipped', a, `First due ${a.originalDue}`)),
    ...ex.noUpdate.map((a) => actionRow('No update', a)),
    ...ex.disagreeing.map((a) => actionRow('Proposed status', a, `Proposed ${a.proposed.label}`)),
  ]);
  const c = pack.changes;
  sheet(
    book,
    'Changes',
    [
      { header: 'Change', width: 20 },
      { header: 'Action', width: 16 },
      { header: 'Date', width: 16, kind: 'date' },
      { header: 'Before', width: 40 },
      { header: 'After', width: 60 },
    ],
    [
      ...c.newUpdates.map((u): Cell[] => ['New update', u.action, day(u.date), u.author, u.text]),
      ...c.statusChanges.map((s): Cell[] => ['Status', s.action, null, s.from.label, s.to.label]),
      ...c.completed.map((a): Cell[] => ['Completed', a.label, null, null, a.text]),
      ...c.datesMoved.map((d): Cell[] => ['Due date moved', d.action, null, d.from, d.to]),
      ...c.reworded.map((r): Cell[] => ['Reworded', r.action, null, r.from, r.to]),
      ...c.leadsChanged.map((l): Cell[] => ['Leads changed', l.action, null, l.from, l.to]),
      ...c.added.map((a): Cell[] => ['Added', a.label, null, null, a.text]),
      ...c.removed.map((a): Cell[] => ['Removed', a.label, null, a.text, null]),
    ],
  );
  sheet(
    book,
    'Measures',
    [
      { header: 'Measure', width: 50 },
      { header: 'Unit', width: 8 },
      { header: 'Baseline', width: 10, kind: 'number' },
      { header: 'Baseline date', width: 16, kind: 'date' },
      { header: 'Latest', width: 10, kind: 'number' },
      { header: 'Latest date', width: 16, kind: 'date' },
      { header: 'Target', width: 10, kind: 'number' },
      { header: 'Target due', width: 16 },
      { header: 'Impact', width: 14 },
      { header: 'Comparators', width: 40 },
      { header: 'Better when', width: 12 },
      { header: 'Impact status', width: 28 },
      { header: 'Expected on trajectory', width: 12, kind: 'number' },
    ],
    pack.measures.map((m): Cell[] => [
      m.name,
      m.unit,
      m.baseline?.value ?? null,
      day(m.baseline?.date ?? null),
      m.latest?.value ?? null,
      day(m.latest?.date ?? null),
      m.target?.value ?? null,
      m.target?.due ?? null,
      m.targetMet === null ? m.trend : m.targetMet ? 'Target met' : 'Below target',
      m.comparators.map((k) => `${k.name}: ${k.value ?? 'no value'}`).join('; '),
      BETTER[m.direction],
      m.impact?.words ?? null,
      m.impact?.expected ?? null,
    ]),
  );
  sheet(
    book,
    'Measure figures',
    [
      { header: 'Measure', width: 50 },
      { header: 'Series', width: 24 },
      { header: 'Period', width: 16, kind: 'date' },
      { header: 'Value', width: 10, kind: 'number' },
      { header: 'Unit', width: 8 },
    ],
    pack.measures.flatMap((m) =>
      (m.values ?? []).map((v): Cell[] => [m.name, v.series, day(v.period), v.value, m.unit]),
    ),
  );
  sheet(
    book,
    'Risks',
    [
      'Ref',
      'Risk',
      'Impact before',
      'Probability before',
      'Controls',
      'Impact after',
      'Probability after',
      'Owner',
    ].map((header, i) => ({ header, width: i === 1 || i === 4 ? 50 : 14 })),
    pack.risks.map((r): Cell[] => [
      r.ref,
      r.threat,
      r.impactBefore,
      r.probabilityBefore,
      r.controls,
      r.impactAfter,
      r.probabilityAfter,
      r.owner,
    ]),
  );
  const costs = sheet(
    book,
    'Costs',
    [
      { header: 'Item', width: 50 },
      { header: 'Action', width: 16 },
      { header: 'Financial year', width: 14 },
      { header: 'Kind', width: 12 },
      { header: 'Staffing', width: 12 },
      { header: 'Amount', width: 14, kind: 'money' },
    ],
    pack.costs.lines.map((l): Cell[] => [
      l.item,
      l.action,
      l.financialYear,
      l.recurrence,
      l.staffing,
      l.amountPence / 100,
    ]),
  );
  costs.addRow([]);
  for (const y of pack.costs.byYear) {
    costs.addRow([
      `Total ${y.financialYear ?? 'no year given'}`,
      null,
      y.financialYear,
      null,
      null,
      y.totalPence / 100,
    ]);
  }
  const total = costs.addRow([
    'Total, all years',
    null,
    null,
    null,
    null,
    pack.costs.total.totalPence / 100,
  ]);
  total.font = { bold: true };
  const money = (header: string): Column => ({ header, width: 14, kind: 'money' });
  const pence = (n: number | null | undefined) => (n === null || n === undefined ? null : n / 100);
  sheet(
    book,
    'Budget',
    [
      { header: 'Financial year', width: 16 },
      money('One-off'),
      money('Recurrent'),
      money('Total'),
      money('Budget'),
      money('Over budget (under if negative)'),
    ],
    [...pack.costs.byYear, { ...pack.costs.total, financialYear: 'All years' }].map((y): Cell[] => [
      y.financialYear ?? 'No year given',
      pence(y.oneOffPence),
      pence(y.recurrentPence),
      pence(y.totalPence),
      pence(y.budgetPence),
      y.budgetPence === null || y.budgetPence === undefined
        ? null
        : pence(y.totalPence - y.budgetPence),
    ]),
  );
  sheet(
    book,
    'Actions',
    [
      { header: 'Recommendation', width: 14 },
      { header: 'Action', width: 16 },
      { header: 'What will be done', width: 60 },
      { header: 'Lead', width: 30 },
      { header: 'Due', width: 18 },
      { header: 'Status', width: 14 },
      { header: 'Latest update', width: 60 },
      { header: 'Evidence', width: 40 },
    ],
    pack.actions.map((a): Cell[] => [
      a.recommendation,
      a.label,
      a.text,
      a.leads,
      a.due,
      a.status.label,
      a.latestUpdate,
      a.evidence,
    ]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
