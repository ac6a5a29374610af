import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import { statusTag, type Tag } from '../plans/plan.view-model.js';
import { planSuggestions } from './status-suggestion.js';

/** Where the lead's proposal and the rules' suggestion disagree: the words, and the suggestion. */
export interface StatusAdvice {
  /** "Proposed Green, but due 31 March 2018 and no completion evidence" */
  text: string;
  suggested: Tag;
}

/** Each action's disagreement between proposal and suggestion on `day` (only those that disagree). */
export function statusAdvice(doc: PlanDocumentParsed, day: string): Map<string, StatusAdvice> {
  const advice = new Map<string, StatusAdvice>();
  for (const [id, { suggestion, disagreement }] of planSuggestions(doc, day)) {
    if (suggestion && disagreement)
      advice.set(id, { text: disagreement, suggested: statusTag(doc, suggestion.code) });
  }
  return advice;
}
