import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConflictError, ValidationError } from '../lib/errors.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';

// Rounds on a real database: opening (all open actions by default), the refusals, extending,
// closing, and where updates count: in the open round, or waiting for the next one.

let app: Awaited<ReturnType<typeof testContext>>;
let planId: string;
const period = { start: '2026-01-01', end: '2027-12-31' };

/** Four actions with different leads; a4 is already complete (Blue). */
function plan() {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, lead: string, status: string) => ({
    ...first,
    id,
    ref,
    text: `Action text for ${ref}`,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate('Autumn 2026', period),
    status,
  });
  return buildPlanDocument({
    actions: [
      action('a1', '1.1', 'Head of Service, CIC', 'AMBER'),
      action('a2', '1.2', 'Head of Service, CIC', 'RED'),
      {
        ...action('a3', '1.3', 'Principal Social Worker', 'GREY'),
        leads: [
          { name: 'Principal Social Worker', kind: 'role' },
          { name: 'Head of Service, CIC', kind: 'role' },
        ],
      },
      action('a4', '1.4', 'Virtual School Head', 'BLUE'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  app = await testContext();
  app.clock.set('2026-04-01T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), plan()),
  );
});
after(() => app.close());

const rounds = () => app.services.rounds;
const by = () => app.changeBy('manager@testshire.gov.uk');
let serial = 0;
const update = (actionId: string, text = 'Progress this month') =>
  app.transaction((trx) =>
    app.services.updates.add(
      trx,
      by(),
      planId,
      {
        id: `u-test-${++serial}`,
        actionId,
        date: app.clock.today(),
        author: 'Lead',
        text,
        proposedStatus: null,
        evidence: [],
      },
      null,
    ),
  );
/** The issue messages of a refused call. */
async function refusal(work: () => Promise<unknown>): Promise<string[]> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.message);
    if (error instanceof ConflictError) return [error.message];
    throw error;
  }
  assert.fail('expected a refusal');
}

describe('update rounds', () => {
  let april: string;

  test('an update given before any round opened counts in none', async () => {
    assert.deepEqual(await update('a1', 'Before any round'), { kind: 'none' });
  });

  test('a deadline in the past, a blank name and no actions are refused, each by name', async () => {
    const messages = await refusal(() =>
      app.transaction((trx) =>
        rounds().open(trx, by(), planId, { name: '  ', deadline: '2026-03-31', actionIds: [] }),
      ),
    );
    assert.deepEqual(messages, [
      'Enter a name for the round',
      'The deadline must be today or later: 31 March 2026 has passed',
      'Choose at least one action for the round',
    ]);
    const unreal = await refusal(() =>
      app.transaction((trx) =>
        rounds().open(trx, by(), planId, { name: 'April', deadline: '2026-02-30' }),
      ),
    );
    assert.deepEqual(unreal, ['Enter the deadline as a real date, like 19 4 2026']);
    assert.equal((await app.transaction((trx) => rounds().list(trx, planId))).length, 0);
  });

  test('opens a round on every open action by default, not the complete one', async () => {
    const round = await app.transaction((trx) =>
      rounds().open(trx, by(), planId, { name: 'April 2026 update', deadline: '2026-04-20' }),
    );
    april = round.id;
    const progress = await app.transaction((trx) => rounds().progress(trx, planId, round.id));
    assert.deepEqual(
      progress.actions.map((a) => a.label),
      ['Action 1.1', 'Action 1.2', 'Action 1.3'],
    );
    // The update given before the round does not count in it.
    assert.ok(progress.actions.every((a) => a.updates.length === 0));
  });

  test('a second round for the same month, or while one is open, is refused', async () => {
    assert.deepEqual(
      await refusal(() =>
        app.transaction((trx) =>
          rounds().open(trx, by(), planId, { name: 'Again', deadline: '2026-04-28' }),
        ),
      ),
      [
        'There is already a round for April 2026 (‘April 2026 update’). Extend its deadline, or choose a deadline in another month',
      ],
    );
    assert.deepEqual(
      await refusal(() =>
        app.transaction((trx) =>
          rounds().open(trx, by(), planId, { name: 'May', deadline: '2026-05-20' }),
        ),
      ),
      ['‘April 2026 update’ is still open. Close it before opening another round'],
    );
  });

  test('updates given while it is open count in it', async () => {
    const counted = await update('a1', 'Eight audits done');
    assert.equal(counted.kind, 'round');
    // a4 is not in the round: its update counts in none.
    assert.deepEqual(await update('a4', 'Still complete'), { kind: 'none' });
    const progress = await app.transaction((trx) => rounds().progress(trx, planId, april));
    const texts = progress.actions.map((a) => a.updates.map((u) => u.text));
    assert.deepEqual(texts, [['Eight audits done'], [], []]);
  });

  test('the deadline moves only later, and not into the past', async () => {
    assert.deepEqual(
      await refusal(() =>
        app.transaction((trx) => rounds().extend(trx, by(), planId, april, '2026-04-19')),
      ),
      ['The new deadline must be later than the current one, 20 April 2026'],
    );
    const moved = await app.transaction((trx) =>
      rounds().extend(trx, by(), planId, april, '2026-04-24'),
    );
    assert.equal(moved.deadline, '2026-04-24');
    const history = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'round' }),
    );
    assert.deepEqual(
      history.map((h) => [h.op, h.after?.deadline]),
      [
        ['create', '2026-04-20'],
        ['update', '2026-04-24'],
      ],
    );
  });

  test('after it closes, updates wait for the next round and count in it when it opens', async () => {
    app.clock.set('2026-04-25T10:00:00Z');
    await app.transaction((trx) => rounds().close(trx, by(), planId, april));
    assert.deepEqual(
      await refusal(() => app.transaction((trx) => rounds().close(trx, by(), planId, april))),
      ['‘April 2026 update’ has already been closed'],
    );
    assert.deepEqual(
      await refusal(() =>
        app.transaction((trx) => rounds().extend(trx, by(), planId, april, '2026-04-30')),
      ),
      ['‘April 2026 update’ has closed; its deadline is final'],
    );
    const late = await update('a2', 'Late for April');
    assert.equal(late.kind, 'next');
    assert.equal(late.kind === 'next' && late.closed.name, 'April 2026 update');
    const may = await app.transaction((trx) =>
      rounds().open(trx, by(), planId, {
        name: 'May 2026 update',
        deadline: '2026-05-19',
        actionIds: ['a2', 'a3'],
      }),
    );
    const progress = await app.transaction((trx) => rounds().progress(trx, planId, may.id));
    assert.deepEqual(
      progress.actions.map((a) => [a.label, a.updates.map((u) => u.text)]),
      [
        ['Action 1.2', ['Late for April']],
        ['Action 1.3', []],
      ],
    );
    // April kept what it had.
    const aprilProgress = await app.transaction((trx) => rounds().progress(trx, planId, april));
    assert.deepEqual(
      aprilProgress.actions.flatMap((a) => a.updates.map((u) => u.text)),
      ['Eight audits done'],
    );
    const state = await app.transaction((trx) => rounds().state(trx, planId));
    assert.deepEqual([...(state?.covered ?? [])].sort(), ['a2', 'a3']);
    assert.deepEqual([...(state?.updated ?? [])], ['a2']);
  });

  test('a round of another plan, or an id that is not one, is not found', async () => {
    await assert.rejects(
      app.transaction((trx) => rounds().get(trx, planId, 'not-a-round')),
      /no such update round/,
    );
  });
});
