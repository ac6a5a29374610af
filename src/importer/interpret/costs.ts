import type { SourceRow } from '../import.types.js';
import type { Cost, DraftBuilder } from './draft-builder.js';
import { squash } from './text-join.js';

const POUNDS =
  /£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(k\b|m\b|bn\b|million\b|thousand\b)?/gi;

/** The amounts in pence written in a text: "£25,000", "£48K", "£20k", "£1.3 m" (£1,300,000). */
export function amountsPence(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(POUNDS)) {
    const unit = m[3]?.toLowerCase() ?? '';
    const scale =
      unit === 'k' || unit === 'thousand'
        ? 1000
        : unit === 'm' || unit === 'million'
          ? 1_000_000
          : unit === 'bn'
            ? 1_000_000_000
            : 1;
    // "£1.3 m" is 1.3 million; "£12.50" is pounds and pence.
    const decimals = m[2] ?? '';
    if (scale === 1 && decimals.length === 1) continue; // "£1.3" with no unit says nothing exact
    const value = Number(`${(m[1] ?? '0').replace(/,/g, '')}.${decimals || '0'}`);
    out.push(Math.round(value * scale * 100));
  }
  return out;
}

function recurrenceOf(text: string): Cost['recurrence'] {
  return /\b(recurrent|recurring|ongoing|annual|per year|per annum|each year)\b/i.test(text) &&
    !/non-recurr/i.test(text)
    ? 'recurrent'
    : 'one-off';
}

function staffingOf(text: string): Cost['staffing'] {
  if (/\bagency\b/i.test(text)) return 'agency';
  if (/\bpermanent\b/i.test(text)) return 'permanent';
  return null;
}

// Words that answer "what does it cost?" without an amount because there is none.
const NO_COST =
  /^(?:no (?:additional |extra |further |new )?(?:cost|costs|funding|resources?)|nil|none|n\/?a|not applicable|cost neutral|nil cost|£\s?0|(?:within|from|met (?:from|within)) (?:existing|current) (?:resources?|budgets?|staffing|capacity))\b/i;

/**
 * A cost cell that says there is no cost: "No additional cost", "Nil", "Within existing
 * resources". An answer, not a missing amount: 'only' when it says nothing else, 'with words'
 * when more follows ("No additional cost if HR colleagues can assist"), null otherwise.
 */
export function noCostAnswer(cell: string): 'only' | 'with words' | null {
  const text = squash(cell).replace(/[.;,]+$/, '');
  const m = NO_COST.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).replace(/^[\s.,;:-]+/, '');
  return !rest || /^(no|none|nil)$/i.test(rest) ? 'only' : 'with words';
}

/** A cost of £0 whose item is the cell's words ("No additional cost with HR's support"). */
export function zeroCost(cell: string, actionId: string, draft: DraftBuilder): Cost[] {
  return [
    {
      id: draft.id('cost'),
      actionId,
      themeId: null,
      item: squash(cell).slice(0, 1000),
      amountPence: 0,
      recurrence: 'one-off',
      financialYear: null,
      staffing: null,
      notes: null,
    },
  ];
}

/** Costs in a Cost/Resources cell: the largest figure is taken as the item's cost. */
export function costsFromCell(
  cell: string,
  actionId: string | null,
  themeId: string | null,
  draft: DraftBuilder,
): Cost[] {
  const amounts = amountsPence(cell);
  if (amounts.length === 0) return [];
  const total = Math.max(...amounts);
  return [
    {
      id: draft.id('cost'),
      actionId,
      themeId,
      item: squash(cell).slice(0, 1000) || 'Cost',
      amountPence: Math.min(total, 1e13),
      recurrence: recurrenceOf(cell),
      financialYear: null,
      staffing: staffingOf(cell),
      notes: amounts.length > 1 ? squash(cell).slice(0, 20000) : null,
    },
  ];
}

const YEAR = /\b(20\d{2})\s*\/\s*(\d{2})\b/;

/**
 * A cost summary table: a header row naming financial years ("Costs 2015/16"), rows with
 * an item and £ amounts per year, sub-headings "Non-recurrent"/"Recurrent". Null when not one.
 */
export function costSummary(rows: SourceRow[], draft: DraftBuilder): Cost[] | null {
  const headerIndex = rows.findIndex(
    (r) => r.cells.filter((c) => YEAR.test(c)).length >= 1 && /cost/i.test(r.cells.join(' ')),
  );
  const header = rows[headerIndex];
  if (!header) return null;
  const years = header.cells.map((c) => {
    const m = YEAR.exec(c);
    if (!m?.[1] || !m[2]) return null;
    const next = (Number(m[1]) + 1) % 100;
    return Number(m[2]) === next ? `${m[1]}/${m[2]}` : null;
  });
  const costs: Cost[] = [];
  let recurrence: Cost['recurrence'] = 'one-off';
  let last: Cost[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    const joined = row.cells.join(' ');
    if (/\bnon-recurr/i.test(joined)) recurrence = 'one-off';
    else if (/\brecurr/i.test(joined)) recurrence = 'recurrent';
    const item = squash(row.cells[0] ?? '');
    if (/^total\b/i.test(item)) {
      checkTotals(row, years, costs, draft);
      continue;
    }
    const perYear = row.cells.map((c, i) => ({
      amounts: amountsPence(c),
      year: years[i] ?? null,
      note: c,
    }));
    const priced = perYear.filter((p) => p.amounts.length > 0 && p.year);
    if (priced.length === 0) {
      // "safety and solution focused" / "training": the item name cut across rows.
      if (item && last.length) for (const c of last) c.item = `${c.item} ${item}`.slice(0, 1000);
      continue;
    }
    last = [];
    for (const p of priced) {
      const cost: Cost = {
        id: draft.id('cost'),
        actionId: null,
        themeId: null,
        item: item || 'Cost',
        amountPence: p.amounts[0] ?? 0,
        recurrence,
        financialYear: p.year,
        staffing: staffingOf(item),
        notes: /\*/.test(p.note) ? 'Marked * in the summary (see its footnote).' : null,
      };
      costs.push(cost);
      last.push(cost);
    }
  }
  return costs.length ? costs : null;
}

const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB')}`;

// Totals are worked out from the items, so the stated total is only checked, never stored.
function checkTotals(
  row: SourceRow,
  years: Array<string | null>,
  costs: Cost[],
  draft: DraftBuilder,
): void {
  row.cells.forEach((cell, i) => {
    const year = years[i];
    const stated = amountsPence(cell)[0];
    if (!year || stated === undefined) return;
    const sum = costs
      .filter((c) => c.financialYear === year)
      .reduce((a, c) => a + c.amountPence, 0);
    // A total that agrees with its items is not a problem, so it is not mentioned.
    if (sum === stated) return;
    draft.warn(
      'totals-differ',
      `The stated ${year} total is ${pounds(stated)} but the items listed add up to ${pounds(sum)}: please check.`,
      row.where,
      row.cells.join(' | '),
    );
  });
}
