import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPlanDocument } from '../test-support/factories.js';
import { readForm } from '../web/forms.js';
import { withCorrection } from './import-correction.js';
import { correctionForm } from './import-correction.form.js';
import type { DraftState } from './import-draft.repository.js';

// Correcting a row of a draft under review: what the form accepts, in the page's words when
// it does not, and what the draft keeps.

const state = (): DraftState => ({
  document: buildPlanDocument(),
  warnings: [],
  changed: [],
  places: [],
});

describe('the correction form', () => {
  it('trims the text, takes one lead a line and keeps no date as none', () => {
    const read = readForm(correctionForm, {
      text: '  Recruit two workers ',
      leads: ' Ann James\r\n\nHead of Service \n',
      due: '  ',
    });
    assert.deepEqual(read, {
      ok: true,
      value: { text: 'Recruit two workers', leads: ['Ann James', 'Head of Service'], due: null },
    });
  });

  it('says what to fix in the page’s words, one issue per field in the form’s order', () => {
    const read = readForm(correctionForm, {
      text: ' ',
      leads: 'x'.repeat(201),
      due: 'sometime-ish',
    });
    assert.deepEqual(read, {
      ok: false,
      issues: [
        { field: 'text', text: 'Enter the text' },
        { field: 'leads', text: 'Each lead must be 200 characters or fewer' },
        {
          field: 'due',
          text: 'Enter a due date we can understand, such as ‘End June 2026’, ‘Autumn 2026’ or ‘Ongoing’',
        },
      ],
    });
    // A field not sent at all is empty: the text is missing, the rest may be.
    assert.deepEqual(readForm(correctionForm, {}), {
      ok: false,
      issues: [{ field: 'text', text: 'Enter the text' }],
    });
  });
});

describe('a correction kept with the draft', () => {
  it('changes the one row, marks it corrected once, and leaves the rest alone', () => {
    const before = state();
    const correction = {
      text: 'New words',
      leads: ['Ann James', 'Leaving Care Team'],
      due: 'May 2026',
    };
    const once = withCorrection(before, 'action', 'a1', correction);
    const twice = withCorrection(once, 'action', 'a1', correction);
    const action = twice.document.actions.find((a) => a.id === 'a1');
    assert.equal(action?.text, 'New words');
    assert.equal(action?.due, 'May 2026');
    assert.deepEqual(
      action?.leads.map((l) => l.name),
      ['Ann James', 'Leaving Care Team'],
    );
    assert.equal(action?.status, before.document.actions.find((a) => a.id === 'a1')?.status);
    assert.deepEqual(twice.changed, ['action:a1']);
    assert.deepEqual(twice.document.recommendations, before.document.recommendations);
    assert.equal(before.document.actions[0]?.text, buildPlanDocument().actions[0]?.text);

    const rec = withCorrection(before, 'recommendation', 'r1', { ...correction, due: null });
    assert.equal(rec.document.recommendations[0]?.text, 'New words');
    assert.equal(rec.document.recommendations[0]?.due, null);
    assert.deepEqual(rec.changed, ['recommendation:r1']);
  });
});
