import { readdirSync, readFileSync } from 'node:fs';
import type { DraftPlan } from '../import.types.js';
import { UnreadableTableError } from '../interpret/errors.js';
import { interpretPlan } from '../interpret/interpret-plan.js';
import { readSource } from '../readers/read-source.js';
import { type ExcelLayout, type WordLayout, buildDocx, buildXlsx } from './build-office.js';
import { type Gold, type Score, scoreDraft } from './score.js';

// The scored corpus: invented plans in the layouts councils use, each beside its gold file.
// See README.md in this folder for what each plan exercises.

const PLANS = new URL('./plans/', import.meta.url);

export interface CorpusPlan {
  /** The plan's name: its file name without the layout suffix ("01-harrowfield-word-merged"). */
  name: string;
  /** The file name an upload would carry. */
  fileName: string;
  bytes: () => Promise<Uint8Array>;
  gold: Gold;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, PLANS), 'utf8')) as T;
}

/** Every corpus plan, in name order. */
export function corpusPlans(): CorpusPlan[] {
  const files = readdirSync(PLANS).sort();
  return files
    .filter((f) => !f.endsWith('.gold.json'))
    .map((file) => {
      const name = file.replace(/\.(docx|xlsx)\.json$|\.[a-z]+$/, '');
      const gold = readJson<Gold>(`${name}.gold.json`);
      if (file.endsWith('.docx.json'))
        return {
          name,
          fileName: `${name}.docx`,
          gold,
          bytes: () => buildDocx(readJson<WordLayout>(file)),
        };
      if (file.endsWith('.xlsx.json'))
        return {
          name,
          fileName: `${name}.xlsx`,
          gold,
          bytes: () => buildXlsx(readJson<ExcelLayout>(file)),
        };
      return {
        name,
        fileName: file,
        gold,
        bytes: () => Promise.resolve(new Uint8Array(readFileSync(new URL(file, PLANS)))),
      };
    });
}

/** Imports one corpus plan as an upload would, and scores the draft against its gold. */
export async function scorePlan(
  plan: CorpusPlan,
): Promise<{ draft: DraftPlan | null; score: Score }> {
  const extracted = await readSource(await plan.bytes(), plan.fileName);
  let draft: DraftPlan;
  try {
    draft = interpretPlan(extracted, { fileName: plan.fileName });
  } catch (error) {
    // A plan the importer refuses scores nothing, with the refusal as its first miss.
    if (!(error instanceof UnreadableTableError)) throw error;
    const score = scoreDraft({ recommendations: [], actions: [], updates: [] }, plan.gold);
    const refused = { field: 'the whole plan', expected: 'a draft', found: error.message };
    return { draft: null, score: { ...score, misses: [refused, ...score.misses] } };
  }
  return { draft, score: scoreDraft(draft.document, plan.gold) };
}
