import type { Doc } from '../../plans/content/content-form.js';
import { periodText, valueText } from '../measure-facts.js';
import type { RowProblem } from './value-csv.js';
import type { MeasureUploadRow } from './value-upload.repository.js';

// The preview of a values file: the problems, row by row (line and column), and the rows
// that can be saved, each saying whether it adds a value or corrects the one held.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A problem as the preview's table shows it. */
export const problemRow = (p: RowProblem) => ({
  line: String(p.line),
  column: p.column ?? 'Whole row',
  message: p.message,
});

/** The upload form's page values. */
export function uploadFormPage(doc: Doc, planId: string) {
  return {
    planTitle: doc.plan.title,
    measuresHref: `/plans/${planId}/measures`,
    action: `/plans/${planId}/measure-uploads`,
    examples: doc.measures.slice(0, 2).map((m) => m.ref ?? m.name),
  };
}

/** The preview page's values: what was found, and what confirming will save. */
export function previewPage(doc: Doc, planId: string, upload: MeasureUploadRow) {
  const units = new Map(doc.measures.map((m) => [m.id, m.unit]));
  const rows = upload.entries.map((e) => {
    const held = doc.measureValues.find(
      (v) => v.measureId === e.measureId && v.series === e.series && v.period === e.period,
    );
    const unit = units.get(e.measureId) ?? null;
    return {
      line: String(e.line),
      measure: e.measureName,
      period: periodText(e.period, e.periodLabel),
      series: e.series === 'actual' ? 'Actual' : e.series,
      value: valueText(e, unit),
      note: e.note ?? '',
      change: held ? `Corrects ${valueText(held, unit)}` : 'Adds a value',
    };
  });
  const confirmed = upload.confirmedAt !== null;
  return {
    planTitle: doc.plan.title,
    fileName: upload.fileName,
    measuresHref: `/plans/${planId}/measures`,
    uploadHref: `/plans/${planId}/measure-uploads`,
    action: `/plans/${planId}/measure-uploads/${upload.id}`,
    confirmed,
    savedText: confirmed
      ? `${plural(upload.saved ?? 0, 'value was', 'values were')} saved from this file.`
      : '',
    summary: `${plural(rows.length, 'row', 'rows')} can be saved. ${plural(
      upload.problems.length,
      'problem was',
      'problems were',
    )} found.`,
    canSave: !confirmed && rows.length > 0,
    saveText: `Save ${plural(rows.length, 'value', 'values')}`,
    problems: upload.problems.map(problemRow),
    rows,
  };
}
