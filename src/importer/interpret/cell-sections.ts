import type { Cells } from './records.types.js';

// Sub-headings inside a cell: "1.1 Action" then paragraphs, then "Outcomes" and more
// paragraphs. Each sub-heading's paragraphs go to their field; the words before the first
// go to the cell's own field.

const HEADINGS: Array<[RegExp, 'action' | 'outcome' | 'evidence']> = [
  [/^actions?$/i, 'action'],
  [
    /^(outcomes?|expected outcomes?|intended outcomes?|success measures?|success criteria|measures? of success|impact)$/i,
    'outcome',
  ],
  [/^evidence( of impact)?$/i, 'evidence'],
];

function headingOf(line: string): { role: 'action' | 'outcome' | 'evidence'; rest: string } | null {
  const m = /^([A-Za-z][A-Za-z ]{2,30}?)\s*(?::\s*(.*))?$/.exec(line.trim());
  if (!m?.[1]) return null;
  const found = HEADINGS.find(([pattern]) => pattern.test(m[1]?.trim() ?? ''));
  return found ? { role: found[1], rest: m[2] ?? '' } : null;
}

/**
 * Moves the sub-headed parts of an action cell to their roles: the text under "Outcomes"
 * (or "Success measures", "Impact") to outcome, under "Evidence" to evidence, and drops the
 * lone "Action" label. A cell with no sub-heading line is left as it is.
 */
export function splitSubHeadings(byRole: Cells): void {
  const text = byRole.action;
  if (!text || !text.includes('\n')) {
    if (text) byRole.action = text.replace(/^actions?\s*:\s*/i, '');
    return;
  }
  const parts: Record<'action' | 'outcome' | 'evidence', string[]> = {
    action: [],
    outcome: [],
    evidence: [],
  };
  let into: 'action' | 'outcome' | 'evidence' = 'action';
  let found = false;
  for (const line of text.split('\n')) {
    const heading = headingOf(line);
    if (heading) {
      found = true;
      into = heading.role;
      if (heading.rest) parts[into].push(heading.rest);
    } else parts[into].push(line);
  }
  if (!found) return;
  const joined = (lines: string[]) => lines.join('\n').trim();
  byRole.action = joined(parts.action);
  for (const role of ['outcome', 'evidence'] as const) {
    const own = joined(parts[role]);
    if (own) byRole[role] = byRole[role] ? `${byRole[role]}\n${own}` : own;
  }
}

/** "Recommendation: Improve..." or "Action: Agree...": the label is not part of the text. */
export function dropLabel(text: string): string {
  return text.replace(/^(recommendation|action)\s*:\s*/i, '');
}
