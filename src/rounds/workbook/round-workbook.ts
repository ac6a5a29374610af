import type ExcelJS from 'exceljs';
import { excel } from '../../lib/exceljs.js';
import { formatDate } from '../../lib/format.js';
import { COLUMNS, INSTRUCTIONS_SHEET, type SheetFacts, UPDATES_SHEET } from './workbook.types.js';

// A round's workbook for councils that still live in Excel: one row per action with its last
// update, and empty columns for this round's update, proposed status and evidence link. What
// identifies the plan, the round and each action sits in hidden, locked columns; the sheet is
// protected (no password) so only the three columns to fill in can be typed in.

/** Where the statuses to choose from are listed on the instructions sheet. */
const STATUS_FIRST_ROW = 12;

const WIDTHS: Record<keyof typeof COLUMNS, number> = {
  reference: 11,
  recommendation: 40,
  action: 50,
  lead: 24,
  due: 16,
  status: 16,
  lastDate: 16,
  lastText: 50,
  update: 60,
  proposed: 18,
  evidence: 36,
  planKey: 12,
  roundKey: 12,
  actionKey: 12,
};

const KEYS = Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>;
const INPUT = new Set<keyof typeof COLUMNS>(['update', 'proposed', 'evidence']);
const HIDDEN = new Set<keyof typeof COLUMNS>(['planKey', 'roundKey', 'actionKey']);

/** The header of the column for this round's update. */
export const updateHeader = (roundName: string) => `${COLUMNS.update} ${roundName}`;

/** A round's workbook, for one lead or the whole round, as .xlsx bytes. */
export async function buildRoundWorkbook(facts: SheetFacts): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Getting to Good';
  workbook.title = `${facts.roundName}: ${facts.planTitle}`;
  const sheet = workbook.addWorksheet(UPDATES_SHEET, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = KEYS.map((key) => ({
    header: key === 'update' ? updateHeader(facts.roundName) : COLUMNS[key],
    key,
    width: WIDTHS[key],
    hidden: HIDDEN.has(key),
    style: { alignment: { vertical: 'top', wrapText: true } },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell, col) => {
    const key = KEYS[col - 1];
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: key && INPUT.has(key) ? 'FFFFF2CC' : 'FFD9D9D9' },
    };
  });
  const last = STATUS_FIRST_ROW + facts.statuses.length - 1;
  for (const r of facts.rows) {
    const row = sheet.addRow({
      reference: r.reference,
      recommendation: r.recommendation,
      action: r.action,
      lead: r.lead,
      due: r.due,
      status: r.status,
      lastDate: r.lastDate,
      lastText: r.lastText,
      update: '',
      proposed: '',
      evidence: '',
      planKey: facts.planId,
      roundKey: facts.roundId,
      actionKey: r.actionId,
    });
    for (const key of INPUT) row.getCell(key).protection = { locked: false };
    // An action with no lead: whoever fills the row in says who gave the update.
    if (!r.lead) row.getCell('lead').protection = { locked: false };
    row.getCell('proposed').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`${INSTRUCTIONS_SHEET}!$A$${STATUS_FIRST_ROW}:$A$${last}`],
      showErrorMessage: true,
      errorTitle: 'Proposed status',
      error: 'Choose one of the statuses listed on the Instructions sheet',
    };
  }
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  });
  addInstructions(workbook, facts);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addInstructions(workbook: ExcelJS.Workbook, facts: SheetFacts): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 90;
  const lines: string[][] = [
    [`${facts.roundName}: how to give your updates`],
    [facts.planTitle],
    [
      facts.lead
        ? `For ${facts.lead}. Please return it by ${formatDate(facts.deadline)}.`
        : `Every action in the round. Please return it by ${formatDate(facts.deadline)}.`,
    ],
    [],
    [
      `1. On the ${UPDATES_SHEET} sheet, write what has happened since the last update in the column ‘${updateHeader(facts.roundName)}’.`,
    ],
    [
      '2. Choose the status you propose from the list in the ‘Proposed status’ column (leave it empty to propose no change).',
    ],
    [
      '3. If there is evidence online, put its web address (starting https://) in the ‘Evidence link’ column.',
    ],
    [
      '4. Leave an action’s row empty if you have no update on it. Do not change the other columns, add rows or copy rows from another workbook.',
    ],
    [
      '5. Save the workbook as .xlsx and send it back to the improvement manager, who uploads it on the round’s page.',
    ],
    [],
    ['Status you can propose', 'What it means'],
  ];
  lines.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((text, c) => (row.getCell(c + 1).value = text));
  });
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(STATUS_FIRST_ROW - 1).font = { bold: true };
  facts.statuses.forEach((s, i) => {
    const row = sheet.getRow(STATUS_FIRST_ROW + i);
    row.getCell(1).value = s.label;
    row.getCell(2).value = s.meaning;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}
