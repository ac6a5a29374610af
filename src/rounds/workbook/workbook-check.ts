import { findPersonalData, personalDataMessage } from '../../lib/personal-data.js';
import { LONG, SHORT } from '../../lib/schema-parts.js';
import type { CheckedRow, ReadRow, RowProblem, UploadState } from './workbook.types.js';

// Checking a returned workbook's rows against the plan and the round: what would be saved,
// and each row that cannot be, with its spreadsheet row number and what to do about it.

/** What the rows are checked against. */
export interface CheckFacts {
  planId: string;
  roundId: string;
  roundName: string;
  /** The plan's other rounds, by id, to name the one a workbook came from. */
  otherRounds: Map<string, string>;
  /** Every action of the plan, by id: its label, text and whether the round covers it. */
  actions: Map<string, { label: string; text: string; covered: boolean }>;
  /** The scheme's statuses: what a person may write (label or code) and the code it means. */
  statuses: Array<{ code: string; label: string }>;
  updateHeader: string;
  /** The texts of the updates each action already has in this round. */
  saved: Map<string, Set<string>>;
}

/** The whole file is refused (it belongs elsewhere, or holds nothing to save). */
export type CheckOutcome =
  { kind: 'checked'; state: UploadState } | { kind: 'refused'; message: string };

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const WEB_ADDRESS = /^https?:\/\/[^\s]+\.[^\s]+$/i;

/** Checks every filled-in row; nothing here touches the database. */
export function checkRows(rows: ReadRow[], facts: CheckFacts): CheckOutcome {
  const keyed = rows.filter((r) => r.planKey || r.roundKey || r.actionKey);
  if (keyed.length && !keyed.some((r) => r.planKey === facts.planId))
    return {
      kind: 'refused',
      message:
        'This workbook was downloaded for another plan. Download the workbook from this round’s page, fill that in and upload it',
    };
  const ours = keyed.filter((r) => r.planKey === facts.planId);
  if (ours.length && !ours.some((r) => r.roundKey === facts.roundId)) {
    const other = facts.otherRounds.get(ours[0]?.roundKey ?? '');
    return {
      kind: 'refused',
      message: other
        ? `This workbook was downloaded for ‘${other}’, not ‘${facts.roundName}’. Download this round’s workbook, or copy the updates into it`
        : `This workbook was not downloaded for ‘${facts.roundName}’. Download this round’s workbook from its page and fill that in`,
    };
  }
  const problems: RowProblem[] = [];
  const checked: CheckedRow[] = [];
  const seen = new Map<string, number>();
  let empty = 0;
  let already = 0;
  for (const r of rows) {
    const problem = (message: string) =>
      problems.push({ row: r.row, message: `Row ${r.row}: ${message}` });
    if (!r.actionKey || !r.planKey || !r.roundKey) {
      problem(
        'this row was not in the workbook as downloaded. Only the actions listed can be updated here: delete the row, or add the action to the plan first',
      );
      continue;
    }
    if (r.planKey !== facts.planId) {
      problem('this row was copied from another plan’s workbook. Delete it');
      continue;
    }
    if (r.roundKey !== facts.roundId) {
      const other = facts.otherRounds.get(r.roundKey);
      problem(
        `this row was copied from ${other ? `the workbook for ‘${other}’` : 'another round’s workbook'}. Delete it`,
      );
      continue;
    }
    const action = facts.actions.get(r.actionKey);
    if (!action) {
      problem('its action is no longer in the plan (it may have been removed). Delete the row');
      continue;
    }
    if (!action.covered) {
      problem(`${action.label} is not in this round. Delete the row`);
      continue;
    }
    const before = seen.get(r.actionKey);
    if (before !== undefined) {
      problem(
        `${action.label} is also in row ${before}. Give its update in one row and delete the other`,
      );
      continue;
    }
    seen.set(r.actionKey, r.row);
    if (squash(r.action) !== squash(action.text)) {
      problem(
        `the text of ${action.label} has been changed. Put back the text as it was downloaded: change an action in the plan itself, not in the workbook`,
      );
      continue;
    }
    if (!r.update && !r.status && !r.evidence) {
      empty++;
      continue;
    }
    const row = rowProblem(r, action.label, facts);
    if (typeof row === 'string') problem(row);
    else if (facts.saved.get(r.actionKey)?.has(squash(row.text))) already++;
    else checked.push({ ...row, row: r.row, actionId: r.actionKey, label: action.label });
  }
  if (!checked.length && !problems.length && !already)
    return {
      kind: 'refused',
      message: `The workbook has no updates filled in. Write each update in the column ‘${facts.updateHeader}’ and upload it again`,
    };
  return { kind: 'checked', state: { rows: checked, problems, empty, already } };
}

/** One filled-in row's own problem, or what it would save. */
function rowProblem(r: ReadRow, label: string, facts: CheckFacts) {
  if (!r.update)
    return `enter the update on ${label} in the column ‘${facts.updateHeader}’, or clear its proposed status and evidence link`;
  if (r.update.length > LONG)
    return `the update on ${label} must be ${LONG.toLocaleString('en-GB')} characters or fewer`;
  if (!r.lead) return `the Lead column is empty: enter who gave the update on ${label}`;
  if (r.lead.length > SHORT) return `the lead of ${label} must be ${SHORT} characters or fewer`;
  // What a lead typed into the workbook is guarded like what they type into a form.
  for (const [what, text] of [
    ['update', r.update],
    ['Lead column', r.lead],
    ['evidence link', r.evidence],
  ] as const) {
    const found = findPersonalData(text);
    if (found) return `the ${what} for ${label} cannot be saved. ${personalDataMessage(found)}`;
  }
  const wanted = r.status.trim().toLowerCase();
  const status = wanted
    ? facts.statuses.find(
        (s) => s.label.toLowerCase() === wanted || s.code.toLowerCase() === wanted,
      )
    : null;
  if (wanted && !status)
    return `‘${r.status}’ is not a status of this plan. Choose one of: ${facts.statuses.map((s) => s.label).join(', ')}`;
  if (r.evidence && (!WEB_ADDRESS.test(r.evidence) || r.evidence.length > 2000))
    return `the evidence link for ${label} must be a web address starting https://, like https://intranet.example.gov.uk/audit`;
  return {
    author: r.lead,
    text: r.update,
    status: status?.code ?? null,
    statusLabel: status?.label ?? null,
    evidence: r.evidence || null,
  };
}
