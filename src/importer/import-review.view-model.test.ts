import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { reviewPage } from './import-review.view-model.js';
import { placeWarnings } from './import-warning-places.js';
import type { DraftPlan } from './import.types.js';
import { interpretPlan } from './interpret/interpret-plan.js';
import { readSource } from './readers/read-source.js';

// Where the review page shows each warning: beside the row of the item it is about, or in
// the document's list when it is about no item (a header, the cost summary's totals).

async function draftOf(seed: string): Promise<DraftPlan> {
  const name = `seed-${seed}.txt`;
  const bytes = readFileSync(new URL(`./interpret/fixtures/${name}`, import.meta.url));
  return interpretPlan(await readSource(bytes, name), { fileName: name });
}

function placed(draft: DraftPlan) {
  const places = placeWarnings(draft);
  return draft.warnings.map((warning, i) => ({ warning, place: places[i] ?? null }));
}

// Warnings that are about the document, not an item of the draft.
const DOCUMENT_LEVEL =
  /^(The columns under this header were realigned|The stated \d{4}\/\d{2} total|This row comes before any|This row is not under|This row of the workstream table|The council's name)/;

describe('placing import warnings beside their rows', () => {
  for (const seed of ['000', '001', '002']) {
    it(`seed ${seed}: every warning about an item is beside that item's row`, async (t) => {
      const draft = await draftOf(seed);
      const all = placed(draft);
      const beside = all.filter((p) => p.place);
      t.diagnostic(
        `${all.length} warnings: ${beside.length} beside a row, ${all.length - beside.length} for the document`,
      );
      for (const { warning, place } of all) {
        if (warning.concerns) {
          assert.ok(place, `not placed: ${warning.message}`);
          if (['action', 'recommendation', 'theme'].includes(warning.concerns.kind))
            assert.deepEqual(place, warning.concerns, warning.message);
        } else {
          assert.match(warning.message, DOCUMENT_LEVEL, 'a warning about no item');
        }
      }
      // What the page shows: the document's list holds exactly the unplaced ones.
      const page = reviewPage(
        { ...draft, changed: [], places: placeWarnings(draft) },
        '/x',
        'C',
        'f',
      );
      assert.equal(page.documentWarnings.length, all.length - beside.length);
    });
  }

  it('seed 000: each pairing warning is beside the recommendation whose lists it names', async () => {
    const draft = await draftOf('000');
    const pairing = placed(draft).filter((p) =>
      /^Recommendation \S+ lists/.test(p.warning.message),
    );
    assert.equal(pairing.length, 7);
    for (const { warning, place } of pairing) {
      const ref = /^Recommendation (\S+)/.exec(warning.message)?.[1];
      const rec = draft.document.recommendations.find((r) => r.id === place?.id);
      assert.equal(place?.kind, 'recommendation');
      assert.equal(rec?.ref, ref);
    }
  });

  it('seed 002: date, lead and status warnings are beside the action on their line', async () => {
    const draft = await draftOf('002');
    const about = placed(draft).filter((p) =>
      ['unparsed-date', 'date-outside-period', 'no-lead'].includes(p.warning.code),
    );
    assert.ok(about.length > 0);
    for (const { warning, place } of about) {
      assert.equal(place?.kind, 'action', warning.message);
      assert.equal(warning.concerns?.id, place?.id);
    }
    // Two actions with the same words (lines 311 and 377) each keep their own warning.
    const twins = about.filter((p) => p.warning.text?.startsWith('HoS will continue to oversee'));
    assert.equal(twins.length, 2);
    assert.equal(new Set(twins.map((p) => p.place?.id)).size, 2);
  });

  it('seed 002: warnings about a workstream are beside the workstream', async () => {
    const draft = await draftOf('002');
    const state = { ...draft, changed: [], places: placeWarnings(draft) };
    const page = reviewPage(state, '/x', 'C', 'f');
    const workstreamA = page.groups.find((g) => g.label.startsWith('Workstream A'));
    assert.ok(workstreamA && workstreamA.warnings.length > 0);
    const listed = page.warnings.find((w) => w.number === workstreamA.warnings[0]?.number);
    assert.equal(listed?.rowHref, `#${workstreamA.anchor}`);
    assert.match(listed?.rowLabel ?? '', /^Workstream A: /);
  });

  it('a warning that names no item (an older draft) is still placed by what it quotes', async () => {
    const draft = await draftOf('000');
    const older = { ...draft, warnings: draft.warnings.map(({ concerns: _c, ...w }) => w) };
    const places = placeWarnings(older);
    draft.warnings.forEach((w, i) => {
      if (/^Recommendation \S+ lists/.test(w.message)) assert.deepEqual(places[i], w.concerns);
    });
  });
});
