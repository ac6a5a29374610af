import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import { testContext } from '../test-support/test-context.js';
import excerpt from './bristol-improvement-plan.json' with { type: 'json' };
import { DEMO_SOURCES } from './demo-data.js';

// bristol-improvement-plan.json is recommendations 1 to 4 of Bristol's published plan
// (seed-001.txt), checked by hand and written in the interchange format. npm run bench
// imports and exports it; here it is the answer the importer's reading of the same plan
// must agree with.

let app: Awaited<ReturnType<typeof testContext>>;
let imported: PlanDocumentParsed;
let read: Awaited<ReturnType<typeof app.services.importer.draft>>['document'];

before(async () => {
  app = await testContext();
  const id = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('test'), excerpt),
  );
  imported = await app.transaction((trx) => app.services.documents.export(trx, id));
  const bristol = DEMO_SOURCES[1];
  if (!bristol?.pathname.endsWith('seed-001.txt'))
    throw new Error('Bristol’s plan is not seed-001');
  read = (await app.services.importer.draft(readFileSync(bristol), 'seed-001.txt')).document;
});
after(() => app.close());

const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const dueText = (due: FuzzyDate | string | null) => (typeof due === 'string' ? due : due?.text);

/**
 * What of `value` the excerpt `like` holds: the same keys (a field the format gained later is
 * left out), each date as understood replaced by its words as written, as in the excerpt.
 */
function asInExcerpt(value: unknown, like: unknown): unknown {
  if (Array.isArray(value) && Array.isArray(like))
    return value.map((v, i) => asInExcerpt(v, like[i]));
  if (value === null || typeof value !== 'object') return value;
  if (typeof like === 'string' && 'text' in value && 'kind' in value) return value.text;
  if (like === null || typeof like !== 'object' || Array.isArray(like)) return value;
  const kept = Object.keys(like).map((k) => [
    k,
    asInExcerpt((value as Record<string, unknown>)[k], (like as Record<string, unknown>)[k]),
  ]);
  return Object.fromEntries(kept);
}

describe('the hand-checked Bristol excerpt', () => {
  test('imports as a plan, every due date understood, and exports with nothing lost', () => {
    assert.deepEqual(asInExcerpt(imported, excerpt), excerpt);
    for (const action of imported.actions)
      assert.equal(typeof action.due === 'object' && action.due?.kind, 'month', action.ref ?? '');
  });

  test('agrees with the importer on recommendations 1 to 4 of the published plan', () => {
    for (const rec of excerpt.recommendations) {
      const found = read.recommendations.find((r) => r.ref === rec.ref);
      assert.ok(found, `the importer found no recommendation ${rec.ref}`);
      assert.equal(words(found.text), words(rec.text), `recommendation ${rec.ref}`);
      assert.deepEqual(
        read.actions.filter((a) => a.recommendationId === found.id).map((a) => a.ref),
        excerpt.actions.filter((a) => a.recommendationId === rec.id).map((a) => a.ref),
        `the actions of recommendation ${rec.ref}`,
      );
    }
    for (const action of excerpt.actions) {
      const found = read.actions.find((a) => a.ref === action.ref);
      assert.ok(found, `the importer found no action ${action.ref}`);
      assert.equal(words(found.text), words(action.text), `action ${action.ref}: text`);
      assert.equal(words(found.outcomes), words(action.outcomes), `action ${action.ref}: outcome`);
      assert.equal(dueText(found.due), action.due, `action ${action.ref}: due date`);
      const leads = found.leads.map((l) => l.name);
      for (const lead of action.leads)
        assert.ok(
          leads.includes(lead.name),
          `action ${action.ref}: lead ${lead.name} in ${leads.join(', ')}`,
        );
    }
  });
});
