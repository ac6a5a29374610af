import type { SourceRow } from '../import.types.js';
import type { DraftBuilder, Risk } from './draft-builder.js';
import { squash } from './text-join.js';

type Level = Risk['impactBefore'];

const level = (cell: string): Level => {
  const w = cell.trim().toLowerCase();
  return w === 'very low' || w === 'low' || w === 'medium' || w === 'high' || w === 'very high'
    ? w
    : null;
};

/**
 * A risk register table (threat, impact and probability before and after controls, owner),
 * recognised by a header mentioning risk and threat. Null when the table is not one.
 */
export function readRisks(rows: SourceRow[], draft: DraftBuilder): Risk[] | null {
  const headerAt = rows.findIndex(
    (r) => /\brisk\b/i.test(r.cells.join(' ')) && /threat|owner/i.test(r.cells.join(' ')),
  );
  if (headerAt < 0) return null;
  const risks: Risk[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    const cells = row.cells.map((c) => c.trim());
    // Rows whose cells are all levels or sub-headings ("Impact", "(Before controls)") describe columns.
    const levels = cells.map(level);
    const threatAt = cells.findIndex((c, i) => i > 0 && c.length > 15 && levels[i] === null);
    // Sub-heading rows ("(Before controls)", "Impact") carry no rating; a risk row always does.
    if (threatAt < 0 || levels.every((l) => l === null)) continue;
    const after = cells.slice(threatAt + 1);
    const lv = after.map(level);
    const firstLevels = lv.findIndex((l) => l !== null);
    const controlsAt = lv.findIndex(
      (l, i) => i > firstLevels && l === null && (after[i] ?? '').length > 0,
    );
    const afterLevels = lv.slice(controlsAt + 1).filter((l) => l !== null);
    const owner =
      controlsAt >= 0
        ? after
            .slice(controlsAt + 1)
            .filter((c, i) => c && lv[controlsAt + 1 + i] === null)
            .join(' ')
        : '';
    risks.push({
      id: draft.id('risk'),
      ref: cells[0] || null,
      threat: squash(cells[threatAt] ?? '').slice(0, 20000),
      impactBefore: lv[firstLevels] ?? null,
      probabilityBefore: lv[firstLevels + 1] ?? null,
      controls: controlsAt >= 0 ? squash(after[controlsAt] ?? '') || null : null,
      controlActionIds: [],
      impactAfter: afterLevels[0] ?? null,
      probabilityAfter: afterLevels[1] ?? null,
      owner: squash(owner).slice(0, 200) || null,
    });
  }
  return risks;
}
