import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// g2g rounds open / list / close on a fresh database of its own, as a script would use them:
// the id and state on the last line, refusals as one "g2g:" line (usage: exit 2).

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let planId = '';
const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args);

/** A day `days` from today (the CLI runs on the real clock), YYYY-MM-DD. */
const fromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  database = await freshDatabaseEnv();
  const app = await createAppContext(loadConfig(database.env));
  try {
    planId = await app.transaction((trx) =>
      app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
    );
  } finally {
    await app.close();
  }
});
after(() => database.cleanup());

describe('g2g rounds', () => {
  let roundId = '';

  test('list says there are none yet', async () => {
    const result = await g2g('rounds', 'list', planId);
    assert.equal(result.code, 0);
    assert.deepEqual(result.out, ['No rounds yet. Open one with: g2g rounds open PLAN']);
  });

  test('open prints the round, then its id and state', async () => {
    const deadline = fromToday(10);
    const result = await g2g(
      'rounds',
      'open',
      planId,
      '--name',
      'Board update',
      '--deadline',
      deadline,
    );
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.equal(result.out[0], `Opened ‘Board update’: deadline ${deadline}, 1 action`);
    const match = /^([0-9a-f-]{36}) {2}open$/.exec(result.last);
    assert.ok(match, result.last);
    roundId = match[1] ?? '';
    const list = await g2g('rounds', 'list', planId);
    assert.deepEqual(list.out, [`${roundId}  open    ${deadline}  0 of 1 updated  Board update`]);
  });

  test('refusals are one line: a past deadline, a second open round, a bad date, no name', async () => {
    const past = await g2g('rounds', 'open', planId, '--name', 'Late', '--deadline', fromToday(-3));
    assert.equal(past.code, 1);
    assert.match(
      past.err.join('\n'),
      /^g2g: Invalid update round: --deadline: The deadline must be today or later: \d+ \w+ \d{4} has passed$/,
    );
    const second = await g2g(
      'rounds',
      'open',
      planId,
      '--name',
      'Next',
      '--deadline',
      fromToday(45),
    );
    assert.equal(second.code, 1);
    assert.deepEqual(second.err, [
      'g2g: ‘Board update’ is still open. Close it before opening another round',
    ]);
    const unreal = await g2g('rounds', 'open', planId, '--name', 'X', '--deadline', '2031-02-30');
    assert.equal(unreal.code, 2);
    assert.match(
      unreal.err[0] ?? '',
      /^g2g: --deadline 2031-02-30 does not exist: February 2031 has 28 days \(usage: g2g rounds open/,
    );
    const noName = await g2g('rounds', 'open', planId, '--deadline', fromToday(45));
    assert.equal(noName.code, 2);
    assert.match(noName.err[0] ?? '', /^g2g: .*--name/);
    const unknownPlan = await g2g('rounds', 'list', '7d1f6b8e-4c1a-4a57-9a39-2a6d0c1e9b10');
    assert.equal(unknownPlan.code, 1);
    assert.match(unknownPlan.err[0] ?? '', /^g2g: There is no plan with the id/);
  });

  test('close prints the id and closed; closing twice is refused', async () => {
    const result = await g2g('rounds', 'close', roundId);
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.deepEqual(result.out, ['Closed ‘Board update’', `${roundId}  closed`]);
    const again = await g2g('rounds', 'close', roundId);
    assert.equal(again.code, 1);
    assert.deepEqual(again.err, ['g2g: ‘Board update’ has already been closed']);
    const unknown = await g2g('rounds', 'close', 'nonsense');
    assert.deepEqual(unknown.err, ['g2g: There is no update round with the id nonsense']);
    assert.match((await g2g('rounds', 'list', planId)).last, new RegExp(`^${roundId} {2}closed`));
  });
});
