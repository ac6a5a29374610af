import { isOverdue } from '../lib/fuzzy-date/fuzzy-date.js';
import {
  actionNamer,
  completeCodes,
  type Doc,
  type DocAction,
  dueEnd,
  packStatus,
} from './pack-actions.js';
import { packCosts } from './pack-costs.js';
import { packMeasures } from './pack-measures.js';
import type { PackContent, PackPart, StatusCount } from './pack.types.js';
import { diffPlans } from './plan-diff.js';

/** The facts a pack is built from, all as they stood at the pack's day. */
export interface PackFacts {
  /** The plan at the end of the pack's day. */
  doc: Doc;
  /** The plan at the end of the "since" day (null: it did not exist yet). */
  before: Doc | null;
  asAt: string;
  board: PackContent['board'];
  since: PackContent['since'];
  /** The previous pack for the board, whose counts the headline moves from. */
  previous: PackContent | null;
  /** Each action's first recorded due date, by id (for "slipped"). */
  firstDue: Map<string, DocAction['due']>;
  /** The plan's budgets by financial year on the pack's day (pence). */
  budgets?: Array<{ financialYear: string; amountPence: number }>;
}

/** A board pack's content, from facts alone: the same facts always give the same pack. */
export function buildPack(facts: PackFacts): PackContent {
  const { doc, asAt } = facts;
  const name = actionNamer(doc);
  const done = completeCodes(doc);
  const open = doc.actions.filter((a) => !done.has(a.status ?? ''));
  const offTrack = new Set(
    doc.ragScheme.statuses.filter((s) => s.category === 'off-track').map((s) => s.code),
  );
  const updated = new Set(
    doc.updates.filter((u) => u.date > facts.since.day && u.date <= asAt).map((u) => u.actionId),
  );
  const latestUpdate = new Map<string, string>();
  for (const u of [...doc.updates].sort((a, b) => a.date.localeCompare(b.date))) {
    latestUpdate.set(u.actionId, u.text);
  }
  const slipped = doc.actions.flatMap((a) => {
    const first = facts.firstDue.get(a.id) ?? null;
    const [was, now] = [dueEnd(first), dueEnd(a.due)];
    return was && now && now > was && first ? [{ ...name(a), originalDue: dueWordsOf(first) }] : [];
  });
  return {
    version: 1,
    plan: {
      title: doc.plan.title,
      versionLabel: doc.plan.versionLabel,
      council: doc.organisation.name,
    },
    board: facts.board,
    asAt,
    since: facts.since,
    headline: {
      total: doc.actions.length,
      byStatus: countByStatus(doc, doc.actions, facts.previous?.headline.byStatus ?? null),
      parts: partsOf(doc, facts.previous),
    },
    exceptions: {
      red: doc.actions.filter((a) => offTrack.has(a.status ?? '')).map(name),
      overdue: open
        .filter((a) => typeof a.due === 'object' && a.due !== null && isOverdue(a.due, asAt))
        .map(name),
      slipped,
      noUpdate: open.filter((a) => !updated.has(a.id)).map(name),
      disagreeing: doc.actions
        .filter((a) => a.proposedStatus && a.proposedStatus !== a.status)
        .map((a) => ({ ...name(a), proposed: packStatus(doc, a.proposedStatus) })),
    },
    changes: diffPlans(facts.before, doc),
    measures: packMeasures(doc, asAt),
    risks: doc.risks.map((r) => ({
      ref: r.ref,
      threat: r.threat,
      impactBefore: r.impactBefore,
      probabilityBefore: r.probabilityBefore,
      controls: r.controls,
      impactAfter: r.impactAfter,
      probabilityAfter: r.probabilityAfter,
      owner: r.owner,
    })),
    costs: packCosts(doc, facts.budgets ?? []),
    actions: doc.actions.map((a) => ({
      ...name(a),
      latestUpdate: latestUpdate.get(a.id) ?? null,
      evidence: a.evidence,
    })),
    narrative: null,
  };
}

function dueWordsOf(due: DocAction['due']): string {
  return typeof due === 'string' ? due : (due?.text.trim() ?? '');
}

/** Counts by status in the scheme's order (then "No status"), with the move since `previous`. */
function countByStatus(
  doc: Doc,
  actions: DocAction[],
  previous: StatusCount[] | null,
): StatusCount[] {
  const codes: Array<string | null> = [...doc.ragScheme.statuses.map((s) => s.code), null];
  const known = new Set(codes);
  return codes
    .map((code) => {
      const n = actions.filter((a) =>
        code === null ? !a.status || !known.has(a.status) : a.status === code,
      ).length;
      const before = previous ? (previous.find((c) => c.code === code)?.n ?? 0) : null;
      return { ...packStatus(doc, code), n, change: before === null ? null : n - before };
    })
    .filter((c) => c.n > 0 || (c.change !== null && c.change !== 0));
}

/** The same counts for each section, theme or workstream, and recommendation. */
function partsOf(doc: Doc, previous: PackContent | null): PackPart[] {
  const recs = new Map(doc.recommendations.map((r) => [r.id, r]));
  const sectionOf = (a: DocAction) => recs.get(a.recommendationId ?? '')?.sectionId ?? null;
  const themeOf = (a: DocAction) =>
    a.themeId ?? recs.get(a.recommendationId ?? '')?.themeId ?? null;
  const title = (ref: string | null, text: string) => [ref, text].filter(Boolean).join(' ');
  const groups = [
    ...doc.sections.map((s) => ({
      kind: 'Section' as const,
      title: title(s.ref, s.title),
      actions: doc.actions.filter((a) => sectionOf(a) === s.id),
    })),
    ...doc.themes.map((t) => ({
      kind: t.kind === 'workstream' ? ('Workstream' as const) : ('Theme' as const),
      title: title(t.ref, t.title),
      actions: doc.actions.filter((a) => themeOf(a) === t.id),
    })),
    ...doc.recommendations.map((r, i) => ({
      kind: 'Recommendation' as const,
      title: `${r.ref ?? i + 1}: ${r.text}`,
      actions: doc.actions.filter((a) => a.recommendationId === r.id),
    })),
  ];
  return groups
    .filter((g) => g.actions.length > 0)
    .map((g) => {
      const before = previous?.headline.parts.find((p) => p.kind === g.kind && p.title === g.title);
      const counts = previous ? (before?.byStatus ?? []) : null;
      return {
        kind: g.kind,
        title: g.title,
        total: g.actions.length,
        byStatus: countByStatus(doc, g.actions, counts),
      };
    });
}
