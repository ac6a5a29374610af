import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortStatusCells } from './status-cells.js';

// RAG cells as councils fill them in (invented examples of the forms seen in plans).
const RAG = new Set(['RED', 'AMBER', 'GREEN']);
const BLUE = new Set(['RED', 'AMBER', 'GREEN', 'BLUE']);
const sort = (cells: Parameters<typeof sortStatusCells>[0], codes = RAG) =>
  sortStatusCells(cells, codes);

describe('status words in the RAG column', () => {
  it('leaves a RAG word alone, however written', () => {
    for (const rag of ['Amber', 'A', 'GREEN.', 'Complete', 'Green\nGreen']) {
      const got = sort({ rag, update: 'Going well' });
      assert.deepEqual(got, { cells: { rag, update: 'Going well' }, ambiguity: null }, rag);
    }
  });

  it('splits a RAG word at the start or end from the words, which go before the update', () => {
    assert.deepEqual(sort({ rag: 'Amber - health check in progress' }).cells, {
      rag: 'AMBER',
      update: 'health check in progress',
    });
    assert.deepEqual(
      sort({ rag: 'Green: agreed at the May board', update: 'Next: audit.' }).cells,
      {
        rag: 'GREEN',
        update: 'agreed at the May board\nNext: audit.',
      },
    );
    assert.deepEqual(sort({ rag: 'Work started in June (Amber)' }).cells, {
      rag: 'AMBER',
      update: 'Work started in June',
    });
    assert.deepEqual(sort({ rag: 'Completed - signed off in May' }, BLUE).cells, {
      rag: 'BLUE',
      update: 'signed off in May',
    });
    assert.deepEqual(sort({ rag: 'R\nNo staff yet' }).cells, {
      rag: 'RED',
      update: 'No staff yet',
    });
    assert.equal(sort({ rag: 'Amber - started' }).ambiguity, null);
  });

  it('does not read an initial or an article as a status', () => {
    assert.deepEqual(sort({ rag: 'A review is under way' }).cells, {
      update: 'A review is under way',
    });
    assert.deepEqual(sort({ rag: 'A. Smith to confirm' }).cells, { update: 'A. Smith to confirm' });
  });

  it('takes words with no RAG word as the update, without a warning when the update was empty', () => {
    const got = sort({ rag: 'Not yet started.', outcome: 'Better plans' });
    assert.deepEqual(got, {
      cells: { update: 'Not yet started.', outcome: 'Better plans' },
      ambiguity: null,
    });
  });

  it('moves a cost back when the row lost its empty RAG cell and shifted left', () => {
    const got = sort({ rag: 'Audit required.', update: 'No additional cost' });
    assert.deepEqual(got, {
      cells: { update: 'Audit required.', cost: 'No additional cost' },
      ambiguity: null,
    });
  });

  it('warns when it cannot be sure', () => {
    const two = sort({ rag: 'Amber/Green' });
    assert.deepEqual(two.cells, { rag: 'AMBER' });
    assert.match(two.ambiguity ?? '', /names more than one status: AMBER is used/);
    const both = sort({ rag: 'Board to decide.', update: 'Paper drafted.', cost: '£5,000' });
    assert.deepEqual(both.cells, { update: 'Board to decide.\nPaper drafted.', cost: '£5,000' });
    assert.match(both.ambiguity ?? '', /no RAG status; they were put before the status update/);
    const unknown = sort({ rag: 'Yellow - some risk' });
    assert.deepEqual(unknown.cells, { update: 'Yellow - some risk' });
    assert.match(unknown.ambiguity ?? '', /no status of the plan's RAG scheme/);
  });
});
