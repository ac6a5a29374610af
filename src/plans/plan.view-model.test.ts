import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { buildPlanDocument } from '../test-support/factories.js';
import {
  ACTIONS_LISTED_UNFILTERED,
  filterActions,
  periodAround,
  planOverview,
} from './plan.view-model.js';

const period = { start: '2026-01-01', end: '2027-12-31' };
const base = buildPlanDocument();
const template = base.actions[0]!;
const doc = {
  ...base,
  themes: [...base.themes, { ...base.themes[0]!, id: 't2', ref: 'B', title: 'Workstream B' }],
  actions: [
    { ...template, id: 'a1', due: parseFuzzyDate('June 2026', period), status: 'AMBER' },
    { ...template, id: 'a2', due: parseFuzzyDate('August 2026', period), status: 'RED' },
    { ...template, id: 'a3', due: parseFuzzyDate('October 2026', period), status: 'BLUE' },
    {
      ...template,
      id: 'a4',
      recommendationId: null,
      themeId: 't2',
      due: parseFuzzyDate('tba', period),
      status: null,
    },
  ],
  updates: [
    {
      id: 'u1',
      actionId: 'a1',
      date: '2026-06-03',
      author: 'Lead',
      text: 'Done the first half',
      proposedStatus: null,
      evidence: [],
    },
    {
      id: 'u2',
      actionId: 'a2',
      date: '2026-05-28',
      author: 'Lead',
      text: 'Last month',
      proposedStatus: null,
      evidence: [],
    },
  ],
};
const ids = (filters: Parameters<typeof filterActions>[1]) =>
  filterActions(doc, filters, '2026-06-15').map((a) => a.id);

test('the month and quarter around a day', () => {
  assert.deepEqual(periodAround('2026-06-15', 'month'), ['2026-06-01', '2026-06-30']);
  assert.deepEqual(periodAround('2026-06-15', 'quarter'), ['2026-04-01', '2026-06-30']);
  assert.deepEqual(periodAround('2026-11-02', 'quarter'), ['2026-10-01', '2026-12-31']);
  assert.deepEqual(periodAround('2028-02-10', 'month'), ['2028-02-01', '2028-02-29']);
});

test('due this month or this quarter goes by the end of the due window', () => {
  assert.deepEqual(ids({ due: 'month' }), ['a1']);
  assert.deepEqual(ids({ due: 'quarter' }), ['a1']);
});

test('a workstream filter takes its own actions and those of its recommendations', () => {
  assert.deepEqual(ids({ theme: 't1' }), ['a1', 'a2', 'a3']);
  assert.deepEqual(ids({ theme: 't2' }), ['a4']);
});

test('"no update this month" leaves out actions updated this month and completed ones', () => {
  // a1 was updated in June; a3 is Blue (complete in the Bristol scheme); a2 was updated in May.
  assert.deepEqual(ids({ noUpdate: true }), ['a2', 'a4']);
});

test('a large plan without a filter lists recommendations with counts and links, and a filter lists its actions', () => {
  const many = {
    ...doc,
    actions: Array.from({ length: ACTIONS_LISTED_UNFILTERED + 1 }, (_, i) => ({
      ...template,
      id: `x${i}`,
      ref: `1.${i}`,
    })),
  };
  const plain = planOverview(many, 'p1', null, {}, '2026-06-15');
  assert.equal(plain.folded, true);
  const rec = plain.groups[0]?.recommendations[0] as { actions: unknown[]; actionCount: number };
  assert.equal(rec.actions.length, 0);
  assert.equal(rec.actionCount, ACTIONS_LISTED_UNFILTERED + 1);
  const overdue = planOverview(many, 'p1', null, { overdue: true }, '2026-06-15');
  assert.equal(overdue.folded, false);
  const listed = overdue.groups[0]?.recommendations[0] as { actions: unknown[] };
  assert.equal(listed.actions.length, ACTIONS_LISTED_UNFILTERED + 1);
  // A plan of ordinary size lists every action without a filter.
  assert.equal(planOverview(doc, 'p1', null, {}, '2026-06-15').folded, false);
});

test('the plan’s status is shown as a word with a capital, like every other status', () => {
  assert.equal(planOverview(doc, 'p1', null, {}, '2026-06-15').status, 'Draft');
});
