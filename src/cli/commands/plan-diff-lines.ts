import { formatDate } from '../../lib/format.js';
import { countChanges } from '../../reports/plan-diff.js';
import type { VersionComparison } from '../../reports/plan-version.service.js';
import { wordDiff, wordDiffText } from '../../reports/word-diff.js';

/** A comparison as `g2g plan diff` prints it: a count, then one line per change. */
export function diffLines({ from, to, changes: c, recommendations: r }: VersionComparison) {
  const n = countChanges(c) + r.added.length + r.removed.length + r.reworded.length;
  const words = (a: string, b: string) => wordDiffText(wordDiff(a, b));
  return [
    `Changes between ${from.label} and ${to.label}: ${n || 'none'}`,
    ...r.added.map((x) => `added      ${x.label} ${x.text}`),
    ...r.removed.map((x) => `removed    ${x.label} ${x.text}`),
    ...r.reworded.map((x) => `reworded   ${x.label}: ${words(x.from, x.to)}`),
    ...c.newUpdates.map(
      (u) => `update     ${u.action}, ${formatDate(u.date)}, ${u.author}: ${u.text}`,
    ),
    ...c.statusChanges.map((s) => `status     ${s.action}: ${s.from.label} to ${s.to.label}`),
    ...c.completed.map((a) => `completed  ${a.label} ${a.text}`),
    ...c.datesMoved.map(
      (d) => `due date   ${d.action}: ${d.from || 'No date'} to ${d.to || 'No date'}`,
    ),
    ...c.reworded.map((x) => `reworded   ${x.action}: ${words(x.from, x.to)}`),
    ...c.leadsChanged.map((l) => `leads      ${l.action}: ${l.from} to ${l.to}`),
    ...c.added.map((a) => `added      ${a.label} ${a.text}`),
    ...c.removed.map((a) => `removed    ${a.label} ${a.text}`),
  ];
}
