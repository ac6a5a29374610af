import type { PlanDocumentInput } from '../../plans/document/plan-document.schema.js';
import { squash } from './text-join.js';

type Board = PlanDocumentInput['boards'][number];

const NAME = /\b((?:[A-Z][a-z]+ (?:and |& )?){1,5}(?:Board|Panel|Commission|Committee))\b/g;
const CADENCE =
  /\b(monthly|quarterly|six[- ]monthly|annually|weekly|every (?:six|three|two) months)\b/i;
const CHAIR = /\bchaired by (?:the )?([A-Z][A-Za-z ]{2,60}?)(?=[,;.]| and | will| to |$)/;

/**
 * Boards that govern the plan, from sentences saying they review, monitor or chair it.
 * Only sentences about the plan count, so boards merely mentioned are left out.
 */
export function readBoards(texts: string[]): Board[] {
  const boards: Board[] = [];
  for (const text of texts) {
    for (const sentence of text.split(/(?<=\.)\s+/)) {
      if (
        !/\b(review|monitor|oversee|chaired)\w*\b[^.]*\b(plan|progress)\b|\bchaired by\b/i.test(
          sentence,
        )
      )
        continue;
      for (const m of sentence.matchAll(NAME)) {
        const name = squash((m[1] ?? '').replace(/^(The|A|An|This) /, ''));
        // "The Board" alone refers back to a board already named.
        if (!name.includes(' ') || boards.some((b) => b.name === name)) continue;
        boards.push({
          name: name.slice(0, 200),
          cadence: CADENCE.exec(sentence)?.[1]?.toLowerCase() ?? null,
          chair: CHAIR.exec(sentence)?.[1]?.trim().slice(0, 200) ?? null,
        });
        if (boards.length >= 50) return boards;
      }
    }
  }
  return boards;
}
