import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { packView } from './board-pack.view-model.js';
import type { PackContent } from './pack.types.js';

// The pack as a Word document: headings, real tables whose header rows repeat on every page,
// and statuses written as words (colour is never the only signal).

const heading = (text: string, level: 1 | 2 | 3 = 2) =>
  new Paragraph({
    text,
    heading:
      level === 1
        ? HeadingLevel.HEADING_1
        : level === 2
          ? HeadingLevel.HEADING_2
          : HeadingLevel.HEADING_3,
  });
const para = (text: string) => new Paragraph({ text });

function table(caption: string, header: string[], rows: string[][]): Array<Paragraph | Table> {
  if (rows.length === 0) return [para(`${caption}: none.`)];
  // A plain cell is a bare run: an explicit "not bold" on each of thousands of cells
  // costs the writer more than the text does.
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({ children: [bold ? new TextRun({ text, bold }) : new TextRun(text)] }),
      ],
    });
  return [
    heading(`${caption} (${rows.length})`, 3),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: header.map((h) => cell(h, true)),
        }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t) => cell(t)) })),
      ],
    }),
  ];
}

const ACTION_HEADER = ['Action', 'What will be done', 'Lead', 'Due', 'Status'];
const actionCells = (a: {
  label: string;
  text: string;
  leads: string;
  due: string;
  status: { label: string };
}) => [a.label, a.text, a.leads, a.due, a.status.label];

/** The pack as a .docx file. */
export async function packDocx(pack: PackContent, meeting: string | null): Promise<Buffer> {
  const v = packView(pack);
  const ex = v.exceptions;
  const ch = v.changes;
  const narrative = v.narrative
    ? [
        ['Introduction', v.narrative.introduction],
        ['Headline messages', v.narrative.headlines],
        ['Decisions asked of the board', v.narrative.decisions],
      ].flatMap(([title = '', text = '']) =>
        text ? [heading(title), ...text.split(/\n+/).map(para)] : [],
      )
    : [];
  const children: Array<Paragraph | Table> = [
    heading(`${v.planTitle}${v.versionLabel ? ` (${v.versionLabel})` : ''}`, 1),
    para(`${v.council}: ${v.board.name}`),
    para(`Board pack as at ${v.asAt}${meeting ? `, for ${meeting}` : ''}`),
    para(`Changes are counted ${v.sinceWords}.`),
    ...narrative,
    heading('Where the actions stand'),
    ...table(
      'Actions by status',
      ['Status', 'Actions', 'Move since previous pack'],
      [
        ['All actions', String(v.headline.total), ''],
        ...v.headline.byStatus.map((c) => [c.label, String(c.n), c.move]),
      ],
    ),
    ...table(
      'By section, theme, workstream and recommendation',
      ['Part of the plan', 'Actions', 'By status'],
      v.headline.parts.map((p) => [
        `${p.kind}: ${p.title}`,
        String(p.total),
        p.byStatus.map((c) => `${c.label} ${c.n}${c.move ? ` (${c.move})` : ''}`).join(', '),
      ]),
    ),
    heading('Exceptions'),
    ...table('Red or off track', ACTION_HEADER, ex.red.map(actionCells)),
    ...table('Overdue', ACTION_HEADER, ex.overdue.map(actionCells)),
    ...table(
      'Slipped: due later than first planned',
      [...ACTION_HEADER, 'First due'],
      ex.slipped.map((a) => [...actionCells(a), a.originalDue]),
    ),
    ...table(`No update since ${v.since}`, ACTION_HEADER, ex.noUpdate.map(actionCells)),
    ...table(
      'Proposed status not yet confirmed',
      [...ACTION_HEADER, 'Proposed'],
      ex.disagreeing.map((a) => [...actionCells(a), a.proposed.label]),
    ),
    heading(`What changed since ${v.since}`),
    ...table(
      'New updates',
      ['Action', 'Date', 'By', 'Update'],
      ch.newUpdates.map((u) => [u.action, u.date, u.author, u.text]),
    ),
    ...table(
      'Status changes',
      ['Action', 'From', 'To'],
      ch.statusChanges.map((s) => [s.action, s.from.label, s.to.label]),
    ),
    ...table(
      'Completed',
      ['Action', 'What was done'],
      ch.completed.map((a) => [a.label, a.text]),
    ),
    ...table(
      'Due dates moved',
      ['Action', 'From', 'To'],
      ch.datesMoved.map((d) => [d.action, d.from, d.to]),
    ),
    ...table(
      'Actions added',
      ['Action', 'What will be done'],
      ch.added.map((a) => [a.label, a.text]),
    ),
    ...table(
      'Actions removed',
      ['Action', 'What was to be done'],
      ch.removed.map((a) => [a.label, a.text]),
    ),
    heading('Measures'),
    ...table(
      'Measures against their targets',
      ['Measure', 'Better when', 'Baseline', 'Latest', 'Target', 'Impact', 'Comparators'],
      v.measures.map((m) => [
        m.name,
        m.direction,
        m.baseline,
        m.latest,
        m.target,
        m.impact,
        m.comparators,
      ]),
    ),
    ...v.measures.flatMap((m) =>
      m.chart?.table.rows.length
        ? table(`Figures: ${m.name}`, m.chart.table.head, m.chart.table.rows)
        : [],
    ),
    heading('Risks'),
    ...table(
      'Risks before and after controls',
      ['Risk', 'Before controls', 'Controls', 'After controls', 'Owner'],
      v.risks.map((r) => [r.threat, r.before, r.controls ?? '', r.after, r.owner ?? '']),
    ),
    heading('Costs'),
    ...table(
      'Totals by financial year',
      ['Financial year', 'One-off', 'Recurrent', 'Total', 'Budget', 'Against budget'],
      [...v.costs.byYear, { ...v.costs.total, year: 'All years' }].map((y) => [
        y.year,
        y.oneOff,
        y.recurrent,
        y.total,
        y.budget,
        y.variance,
      ]),
    ),
    ...table(
      'Each cost',
      ['Item', 'Action', 'Year', 'Kind', 'Amount'],
      v.costs.lines.map((l) => [l.item, l.action ?? '', l.financialYear, l.recurrence, l.amount]),
    ),
    heading('The plan'),
    ...table(
      'Every action',
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
      v.actions.map((a) => [
        a.recommendation ?? '',
        a.label,
        a.text,
        a.leads,
        a.due,
        a.status.label,
        a.latestUpdate,
        a.evidence,
      ]),
    ),
  ];
  const doc = new Document({
    title: v.title,
    creator: v.council,
    description: `Board pack as at ${v.asAt}`,
    styles: { default: { document: { run: { language: { value: 'en-GB' } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
