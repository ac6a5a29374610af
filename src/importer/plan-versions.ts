import { SHORT } from '../lib/schema-parts.js';

// A plan imported again beside one of the same title is saved as its next version, so the
// two can be told apart in every list: "Version 2", or "Version 2 – Final Draft (V7)" when
// the document had a version label of its own.

const NUMBERED = /^version (\d+)\b/i;

/** The version label for a plan imported beside `existing` plans of the same title. */
export function nextVersionLabel(
  existing: ReadonlyArray<{ versionLabel: string | null }>,
  own: string | null,
): string {
  const numbers = existing.map((p) => Number(NUMBERED.exec(p.versionLabel ?? '')?.[1] ?? 0));
  const n = Math.max(existing.length, ...numbers) + 1;
  const kept = own?.trim() && !NUMBERED.test(own.trim()) ? own.trim() : null;
  const label = kept ? `Version ${n} – ${kept}` : `Version ${n}`;
  return label.slice(0, SHORT);
}
