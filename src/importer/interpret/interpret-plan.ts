import { formatDate } from '../../lib/format.js';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION } from '../../plans/document/plan-document.schema.js';
import type { RagSchemeInput } from '../../rag/rag-scheme.schema.js';
import type { DraftPlan, ExtractedDocument, SourceBlock, SourceRow } from '../import.types.js';
import { assemble, linkByWorkstream } from './assemble.js';
import { readBoards } from './boards.js';
import { costSummary } from './costs.js';
import { DraftBuilder } from './draft-builder.js';
import { UnreadableTableError } from './errors.js';
import { LOOKED_FOR, headerMap } from './headers.js';
import { type TextLine, readNarrative } from './narrative.js';
import { PlanTableReader } from './plan-table.js';
import { defaultScheme, schemeFromRows } from './rag.js';
import { readRisks } from './risks.js';
import { recordStatedValues } from './stated-values.js';
import { type StatusChoices, applyStatusChoices, statusReadings } from './status-choices.js';
import { liftTitleRows } from './title-rows.js';
import { truncate } from './text-join.js';
import { readWorkstreams } from './workstreams.js';

type TableBlock = Extract<SourceBlock, { type: 'table' }>;

const STRUCTURED = new Set<ExtractedDocument['format']>(['docx', 'html', 'xlsx']);

function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : 'unknown-council';
}

/** Tables that hold something other than plan rows: a RAG key, risks, a cost summary. */
function readSpecial(
  block: TableBlock,
  draft: DraftBuilder,
  found: { scheme: RagSchemeInput | null },
): boolean {
  const scheme = schemeFromRows(block.rows);
  if (scheme) {
    found.scheme = scheme;
    return true;
  }
  const risks = readRisks(block.rows, draft);
  if (risks) {
    draft.risks.push(...risks);
    return true;
  }
  const costs = block.rows.some((r) => headerMap(r.cells)) ? null : costSummary(block.rows, draft);
  if (costs) {
    draft.costs.push(...costs);
    return true;
  }
  return readWorkstreams(block, draft);
}

const count = (n: number, one: string) => `${n === 0 ? 'no' : n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The one message for a document with no plan table: what was seen, what was looked for,
 * and what to do.
 */
function noPlanTable(doc: ExtractedDocument, unread: SourceRow[]): UnreadableTableError {
  const tables = doc.blocks.filter((b) => b.type === 'table').length;
  const paragraphs = doc.blocks.length - tables;
  const cells = unread
    .slice(0, 3)
    .flatMap((r) => r.cells.filter((c) => c.trim()).map((c) => `"${truncate(c, 40)}"`));
  const text = paragraphs ? ` and ${count(paragraphs, 'paragraph')} of text` : '';
  const seen =
    tables === 0
      ? `Found no tables, only ${count(paragraphs, 'paragraph')} of text, and no recommendation or action in them`
      : tables === 1
        ? `Found 1 table${text} but the table has no recommendation or action column`
        : `Found ${tables} tables${text} but none with a recommendation or action column`;
  return new UnreadableTableError(
    `${seen}${tables ? ': no table has a header row this importer recognises' : ''}. ` +
      `It looked for columns named ${LOOKED_FOR.join(', ')}${cells.length ? `; the first rows found were ${cells.join(', ')}` : ''}. ` +
      'To import it, give the table of recommendations and actions a header row naming its columns (for example "Recommendation", "Action", "Lead", "Due date"), or upload the Word or Excel original.',
  );
}

/**
 * Interprets an extracted document as a draft plan with warnings. Throws UnreadableTableError
 * when the document has tables but none with a recognisable header row.
 */
export function interpretPlan(
  extracted: ExtractedDocument,
  options: { fileName?: string; today?: string; statuses?: StatusChoices } = {},
): DraftPlan {
  const { doc, lifted } = liftTitleRows(extracted);
  const draft = new DraftBuilder();
  const lines: TextLine[] = doc.blocks.flatMap((b) =>
    b.type === 'text' ? [{ text: b.text, where: b.where }] : [],
  );
  const facts = readNarrative(lines);
  draft.period = facts.period ?? undefined;
  const reader = new PlanTableReader(draft);
  // A colour key above a table's header ("Green | On track or complete") is the RAG scheme.
  const found: { scheme: RagSchemeInput | null } = { scheme: schemeFromRows(lifted) };
  const anyHeader = doc.blocks.some(
    (b) => b.type === 'table' && b.rows.some((r) => headerMap(r.cells)),
  );
  const unread: SourceRow[] = [];
  const tableRows = doc.blocks.flatMap((b) => (b.type === 'table' ? b.rows : []));
  let at = 0;

  for (const [index, block] of doc.blocks.entries()) {
    if (block.type === 'text') {
      const beforeTable = doc.blocks[index + 1]?.type === 'table';
      if (!reader.workstreams.text(block.text))
        reader.heading(block.text, block.where, beforeTable);
      continue;
    }
    if (block.rows.some((r) => headerMap(r.cells)) === false && readSpecial(block, draft, found)) {
      at += block.rows.length;
      continue;
    }
    // Word, HTML and Excel mark where a table ends; text from a PDF only guesses.
    if (STRUCTURED.has(doc.format)) reader.startTable(block.rows);
    for (const row of block.rows) {
      if (!reader.row(row, { rows: tableRows, at })) unread.push(row);
      at++;
    }
  }
  if (!anyHeader && unread.length > 0) throw noPlanTable(doc, unread);
  for (const row of unread) {
    draft.warn(
      'unplaced-row',
      'This row is not under a recognised table header.',
      row.where,
      row.cells.join(' | '),
    );
  }

  reader.workstreams.finish();
  const usesYellow = doc.blocks.some(
    (b) => b.type === 'table' && b.rows.some((r) => r.cells.some((c) => /^\s*yellow\s*$/i.test(c))),
  );
  const scheme = found.scheme ?? defaultScheme(usesYellow);
  // Updates need a date: the plan's own, else the day of import (said once, to be changed).
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const statusCodes = new Set(scheme.statuses.map((s) => s.code));
  const choices = options.statuses ?? new Map<string, string | null>();
  const statuses = statusReadings(reader.records, statusCodes, choices);
  applyStatusChoices(reader.records, statusCodes, choices);
  assemble(reader.records, draft, {
    statusCodes,
    updateDate: facts.dated ?? today,
  });
  if (!facts.dated && draft.updates.length > 0)
    draft.warn(
      'update-undated',
      `The document does not say when its progress updates were written, so they are dated ${formatDate(today)}, the day of import. Change the dates if you know them.`,
      {},
    );
  if (!anyHeader && draft.recommendations.length + draft.actions.length + draft.themes.length === 0)
    throw noPlanTable(doc, unread);
  linkByWorkstream(draft);
  facts.kpis.forEach((kpi) => draft.measures.push({ id: draft.id('kpi'), ...kpi }));
  // Values stated in a measure's own words ("Turnover was 11.98% at Jan 2014 - reduce to
  // 10%"), then in the narrative about a measure it names in the same words.
  const periodStart = facts.period?.start ?? null;
  for (const m of draft.measures) recordStatedValues([m.name], [m], periodStart);
  recordStatedValues(
    lines.map((l) => l.text),
    draft.measures,
    periodStart,
  );

  let orgName = facts.organisation;
  if (!orgName) {
    orgName = options.fileName?.replace(/\.[A-Za-z0-9]+$/, '').trim() || 'Unknown council';
    draft.warn(
      'council-name-missing',
      `The council's name was not found in the document; "${orgName}" is used.`,
      {},
    );
  }
  return {
    document: {
      format: PLAN_FORMAT,
      formatVersion: PLAN_FORMAT_VERSION,
      organisation: { slug: slugOf(orgName), name: orgName.slice(0, 200) },
      plan: {
        title: (facts.title ?? options.fileName ?? 'Imported improvement plan').slice(0, 500),
        versionLabel: facts.version,
        status: 'draft',
        periodStart: facts.period?.start ?? null,
        periodEnd: facts.period?.end ?? null,
        statementKind: 'statement-of-action',
        deadlineOverride: null,
        deadlineOverrideReason: null,
      },
      inspection: facts.inspection,
      ragScheme: scheme,
      boards: readBoards(lines.map((l) => l.text)),
      sections: draft.sections,
      themes: draft.themes,
      recommendations: draft.recommendations,
      actions: draft.actions,
      updates: draft.updates,
      measures: draft.measures,
      risks: draft.risks,
      costs: draft.costs,
    },
    warnings: draft.warnings,
    statuses,
  };
}
