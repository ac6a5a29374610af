import type { SourceBlock, SourceLocation } from '../import.types.js';
import type { DraftBuilder, Theme } from './draft-builder.js';
import { joinText, squash } from './text-join.js';

type TableBlock = Extract<SourceBlock, { type: 'table' }>;
type Mode = 'commitments' | 'criteria' | 'recommendations' | null;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Finds or creates the workstream with a letter ref ("A"). */
function workstream(draft: DraftBuilder, ref: string, title: string): Theme {
  const found = draft.themes.find((t) => t.kind === 'workstream' && t.ref === ref);
  if (found) return found;
  const theme: Theme = {
    id: draft.id('workstream'),
    kind: 'workstream',
    ref,
    title: title.slice(0, 200) || `Workstream ${ref}`,
    sponsor: null,
    lead: null,
    commitments: [],
    successCriteria: [],
  };
  draft.themes.push(theme);
  return theme;
}

/**
 * An ownership table ("Workstream | Strategic Sponsor | Operational Lead"): one workstream
 * per numbered row, continued over the rows below it. False when the table is not one.
 */
export function readWorkstreams(block: TableBlock, draft: DraftBuilder): boolean {
  const header = block.rows[0]?.cells.map((c) => c.toLowerCase()) ?? [];
  const sponsorAt = header.findIndex((c) => /sponsor/.test(c));
  const leadAt = header.findIndex((c) => /lead/.test(c));
  if (!/workstream/.test(header[0] ?? '') || sponsorAt < 0) return false;
  let current: { theme: Theme; sponsor: string; lead: string } | null = null;
  const flush = () => {
    if (!current) return;
    current.theme.sponsor = squash(current.sponsor).slice(0, 200) || null;
    current.theme.lead = squash(current.lead).slice(0, 200) || null;
  };
  for (const row of block.rows.slice(1)) {
    const first = (row.cells[0] ?? '').trim();
    const numbered = /^(\d{1,2})[.)]\s*(.*)$/.exec(first);
    const sponsor = (row.cells[sponsorAt] ?? '').trim();
    const lead = leadAt >= 0 ? (row.cells[leadAt] ?? '').trim() : '';
    if (numbered?.[1]) {
      flush();
      const ref = LETTERS[Number(numbered[1]) - 1] ?? numbered[1];
      current = { theme: workstream(draft, ref, numbered[2] ?? ''), sponsor, lead };
      continue;
    }
    if (!current) {
      draft.warn(
        'unplaced-row',
        'This row of the workstream table has no workstream.',
        row.where,
        row.cells.join(' | '),
      );
      continue;
    }
    if (first) current.theme.title = joinText(current.theme.title, first).slice(0, 200);
    if (sponsor) current.sponsor = joinText(current.sponsor, sponsor);
    if (lead) current.lead = `${current.lead}; ${lead}`.replace(/^; /, '');
  }
  flush();
  return true;
}

/**
 * Reads the label rows of workstream tables (commitments, success criteria, related Ofsted
 * recommendations), which sit above each workstream's action table.
 */
export class WorkstreamReader {
  private mode: Mode = null;
  private theme: Theme | null = null;
  private recText = '';
  private recWhere: SourceLocation = {};
  private recommendations: Array<{
    ref: string;
    text: string;
    priority: boolean;
    themeId: string | null;
    where: SourceLocation;
  }> = [];

  constructor(private readonly draft: DraftBuilder) {}

  /** The workstream now open, for the actions that follow. */
  get themeId(): string | null {
    return this.theme?.id ?? null;
  }

  /** Consumes a table row when it belongs to a workstream heading; returns whether it did. */
  row(cells: string[], where: SourceLocation): boolean {
    const first = squash(cells[0] ?? '');
    const rest = cells.slice(1).map(squash).filter(Boolean).join(' ');
    const title = /^([A-Z]):\s*(.+)$/.exec(squash(cells.join(' ')));
    if (title?.[1] && /^[A-Z]:/.test(first) && cells.slice(1).every((c) => !/^\d/.test(c.trim()))) {
      this.endRecommendations();
      // Headings are cut across cells ("Leaders | hip"): the longest known title wins.
      const joined = cells
        .map(squash)
        .filter(Boolean)
        .reduce((a, b) => joinText(a, b), '');
      const theme = workstream(this.draft, title[1], joined.replace(/^[A-Z]:\s*/, ''));
      this.theme = theme;
      this.mode = null;
      return true;
    }
    if (!this.theme) return false;
    if (/^improvement commitment$/i.test(first) && rest) {
      // One commitment's heading above its actions: the workstream's "Improvement
      // Commitments" row lists the commitments, and here the words are often cut apart.
      // Nothing is lost, so nothing is said.
      this.endRecommendations();
      this.mode = null;
      return true;
    }
    const label = this.labelOf(first);
    if (label === 'outcome') {
      this.endRecommendations();
      this.mode = null;
      this.draft.warn(
        'skipped',
        'The workstream outcome statement is not stored as a field.',
        where,
        rest,
        { kind: 'theme', id: this.theme.id },
      );
      return true;
    }
    if (label) {
      this.endRecommendations();
      this.mode = label;
      if (label === 'recommendations') this.recWhere = where;
    } else if (this.mode && (this.mode !== 'recommendations' || !first) && lone(cells)) {
      // A list carried over a page break arrives as one-cell rows: they continue the list.
      this.add(squash(cells.find((c) => c.trim()) ?? ''));
      return true;
    } else if (!(
      this.mode &&
      (!first || /^(commitments|recommendations|have done it\??)$/i.test(first))
    )) {
      this.endRecommendations();
      this.mode = null;
      return false;
    }
    if (rest) this.add(rest);
    return true;
  }

  /** A lone heading row inside a workstream names one of its commitments. */
  commitment(text: string): boolean {
    if (!this.theme) return false;
    const t = squash(text);
    if (!this.theme.commitments.includes(t)) this.theme.commitments.push(t.slice(0, 20000));
    return true;
  }

  /** Text lines between table rows continue an open recommendations list. */
  text(text: string): boolean {
    if (this.mode !== 'recommendations') return false;
    this.add(squash(text));
    return true;
  }

  private labelOf(first: string): Mode | 'outcome' {
    if (/^outcomes?$/i.test(first)) return 'outcome';
    if (/^improvement( commitments)?$/i.test(first)) return 'commitments';
    if (/^related ofsted/i.test(first)) return 'recommendations';
    if (/^how will we know/i.test(first)) return 'criteria';
    return null;
  }

  private add(text: string): void {
    if (!this.theme || !text) return;
    if (this.mode === 'commitments') this.theme.commitments.push(text.slice(0, 20000));
    else if (this.mode === 'criteria') this.theme.successCriteria.push(text.slice(0, 20000));
    else if (this.mode === 'recommendations') this.recText = `${this.recText} ${text}`;
  }

  // "Priority & Immediate Action Ofsted 1: ... Areas for Improvement Ofsted 5: ..."
  private endRecommendations(): void {
    const text = this.recText;
    this.recText = '';
    if (!text.trim()) return;
    let priority = false;
    // Case matters: "areas for improvement" in lower case is part of a recommendation's words.
    const parts = text.split(
      /(Priority\s*&\s*Immediate Action|Areas for Improvement|Ofsted\s+\d{1,2}\s*:)/,
    );
    let ref: string | null = null;
    for (const part of parts) {
      if (/^Priority/i.test(part)) priority = true;
      else if (/^Areas for Improvement$/i.test(part)) priority = false;
      else if (/^Ofsted\s+\d/i.test(part)) ref = /\d+/.exec(part)?.[0] ?? null;
      else if (ref && part.trim()) {
        this.recommendations.push({
          ref,
          text: squash(part),
          priority,
          themeId: this.theme?.id ?? null,
          where: this.recWhere,
        });
        ref = null;
      }
    }
  }

  /** Adds the recommendations listed under the workstreams, each once, in number order. */
  finish(): void {
    this.endRecommendations();
    const seen = new Set(this.draft.recommendations.map((r) => r.ref));
    const sorted = [...this.recommendations].sort((a, b) => Number(a.ref) - Number(b.ref));
    for (const rec of sorted) {
      if (seen.has(rec.ref)) continue;
      seen.add(rec.ref);
      const id = this.draft.id('rec');
      this.draft.scan(rec.text, rec.where, { kind: 'recommendation', id });
      this.draft.recommendations.push({
        id,
        ref: rec.ref,
        text: rec.text.slice(0, 20000),
        category: rec.priority ? 'priority' : 'improvement',
        judgementArea: null,
        sectionId: null,
        themeId: rec.themeId,
        leads: [],
        due: null,
      });
    }
  }
}

const lone = (cells: string[]) => cells.filter((c) => c.trim()).length === 1;

/** The id of the plan's theme with this title (found whatever its case), added when new. */
export function themeNamed(draft: DraftBuilder, text: string): string {
  const title = squash(text).slice(0, 200);
  const existing = draft.themes.find((t) => t.title.toLowerCase() === title.toLowerCase());
  if (existing) return existing.id;
  const id = draft.id('theme');
  draft.themes.push({
    id,
    kind: 'theme',
    ref: null,
    title,
    sponsor: null,
    lead: null,
    commitments: [],
    successCriteria: [],
  });
  return id;
}
