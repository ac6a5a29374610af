import {
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { PlanStatement, StatementAction } from './plan-statement.js';

// The statement of action as a Word document: a heading per recommendation, its text, and
// a real table of its actions whose header row repeats on every page; statuses in words.

const HEADER = ['Ref', 'Action', 'Lead', 'Due', 'Success measures and outcomes', 'Status'];
/** Column widths in percent, for a landscape page. */
const WIDTHS = [7, 33, 15, 11, 24, 10];

const cell = (lines: string[], width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: (lines.length ? lines : ['']).map(
      (text) =>
        new Paragraph({ children: [bold ? new TextRun({ text, bold }) : new TextRun(text)] }),
    ),
  });

function actionsTable(actions: StatementAction[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: HEADER.map((h, i) => cell([h], WIDTHS[i] ?? 10, true)),
      }),
      ...actions.map(
        (a) =>
          new TableRow({
            cantSplit: true,
            children: [[a.ref], [a.text], [a.leads], [a.due], a.success, [a.status.label]].map(
              (lines, i) => cell(lines, WIDTHS[i] ?? 10),
            ),
          }),
      ),
    ],
  });
}

const para = (text: string) => new Paragraph({ text });
const heading = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading });

/** The statement of action as a .docx file. */
export async function statementDocx(s: PlanStatement): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    heading(`${s.title}${s.versionLabel ? ` (${s.versionLabel})` : ''}`, HeadingLevel.HEADING_1),
    para(`${s.council}: ${s.kind.toLowerCase()}`),
    ...(s.inspection ? [para(s.inspection)] : []),
    para(s.madeOn),
  ];
  for (const r of s.recommendations) {
    children.push(heading(r.heading, HeadingLevel.HEADING_2));
    if (r.context) children.push(para(r.context));
    children.push(para(r.text));
    if (r.leads) children.push(para(`Lead: ${r.leads}`));
    if (r.due) children.push(para(`Due: ${r.due}`));
    children.push(
      r.actions.length ? actionsTable(r.actions) : para('No actions are planned for it yet.'),
    );
  }
  if (s.otherActions.length) {
    children.push(heading('Other actions', HeadingLevel.HEADING_2));
    children.push(actionsTable(s.otherActions));
  }
  const doc = new Document({
    title: `${s.title}: ${s.kind.toLowerCase()}`,
    creator: s.council,
    description: s.madeOn,
    styles: { default: { document: { run: { language: { value: 'en-GB' } } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
