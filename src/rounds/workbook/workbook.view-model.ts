import { roundHref } from '../round.view-model.js';
import type { UploadState } from './workbook.types.js';

// Plain values for the round workbook's pages: the upload form and the preview.

export const uploadHref = (planId: string, roundId: string) =>
  `${roundHref(planId, roundId)}/workbook/upload`;
export const previewHref = (planId: string, roundId: string, uploadId: string) =>
  `${roundHref(planId, roundId)}/workbook/${uploadId}`;

/** A download's file name: the round's (and lead's) words, nothing a file system refuses. */
export function workbookFileName(roundName: string, lead: string | null): string {
  const words = [roundName, lead].filter(Boolean).join(' - ');
  const safe = words
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${safe.slice(0, 120) || 'Round updates'}.xlsx`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The preview of a returned workbook: what confirming saves, and the rows that cannot be saved. */
export function previewPage(state: UploadState, fileName: string) {
  const saving = state.rows.length;
  return {
    fileName,
    saving,
    confirmText: `Save ${plural(saving, 'update', 'updates')}`,
    summary: [
      `${plural(saving, 'row', 'rows')} will be saved as updates in this round`,
      ...(state.problems.length
        ? [`${plural(state.problems.length, 'row cannot', 'rows cannot')} be saved (listed below)`]
        : []),
      ...(state.already
        ? [
            `${plural(state.already, 'row was', 'rows were')} saved from an earlier upload and will not be saved again`,
          ]
        : []),
      ...(state.empty
        ? [`${plural(state.empty, 'row has', 'rows have')} no update and will be left out`]
        : []),
    ],
    rows: state.rows.map((r) => ({
      row: String(r.row),
      label: r.label,
      author: r.author,
      text: r.text,
      status: r.statusLabel ?? 'No change proposed',
      evidence: r.evidence ?? 'None',
    })),
    errors: state.problems.map((p) => ({ text: p.message, href: `#row-${p.row}` })),
    problems: state.problems.map((p) => ({
      id: `row-${p.row}`,
      row: String(p.row),
      message: p.message,
    })),
  };
}
