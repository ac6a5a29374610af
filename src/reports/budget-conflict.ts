import { parsePounds } from '../plans/content/form-fields.js';
import type { EditConflict } from '../plans/content/edit-version.js';
import { type ConflictRow, resolveConflict } from '../web/edit-conflict.js';
import { pounds } from './board-pack.view-model.js';
import type { Budget } from './budget.service.js';

// The budget form carries the budgets its page showed, year by year; a year someone else
// set since is refused with what they set, and the form holds this person's figure again.

/** The budgets as the form carries them: year → pence (JSON). */
export const shownBudgets = (budgets: Budget[]): string =>
  JSON.stringify(Object.fromEntries(budgets.map((b) => [b.financialYear, b.amountPence])));

/** The budgets a form says it showed; undefined when it says nothing readable. */
export function sentBudgets(sent: string | undefined): Record<string, number | null> | undefined {
  if (!sent) return undefined;
  try {
    const parsed: unknown = JSON.parse(sent);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (e): e is [string, number] => typeof e[1] === 'number' && Number.isInteger(e[1]),
      ),
    );
  } catch {
    return undefined;
  }
}

/** A refused save: the year's budget when the page was read, as saved now, and as typed. */
export function budgetConflict(
  conflict: EditConflict,
  shown: Record<string, number | null>,
  typed: string,
): ConflictRow[] {
  const year = String(conflict.current.financialYear);
  const saved = conflict.current.amountPence;
  const words = (v: string) => (v === '' ? v : pounds(Number(v)));
  const pence = (v: number | null | undefined) => (typeof v === 'number' ? String(v) : '');
  return resolveConflict(
    [[`Budget for ${year}`, 'amount', words]],
    { amount: pence(shown[year]) },
    { amount: pence(typeof saved === 'number' ? saved : null) },
    { amount: pence(typed.trim() === '' ? null : parsePounds(typed)) },
  ).rows;
}
