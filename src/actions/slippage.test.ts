import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createAppContext, type AppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import type { ChangeRow } from '../history/history.repository.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { runG2g } from '../test-support/cli.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { slippageByAction, slippedText, spanWords } from './slippage.js';

// Slippage: every move of a due date (the CLI, the edit form) is kept with who, when and why,
// read back from the history; the action page tells the story, the overview marks and filters.

describe('slippage from the history', () => {
  const row = (
    id: number,
    op: ChangeRow['op'],
    before: string | null,
    after: string | null,
    reason: string | null = null,
  ): ChangeRow => ({
    id,
    planId: 'p',
    entity: 'action',
    entityId: 'a1',
    op,
    before: before === null ? null : { due: parseFuzzyDate(before) },
    after: after === null ? null : { due: parseFuzzyDate(after) },
    actor: 'someone',
    actorUserId: null,
    at: `2026-0${id}-01T10:00:00Z`,
    reason,
  });

  test('counts the moves later, and how far from the original in all', () => {
    const s = slippageByAction([
      row(1, 'create', null, 'End March 2018'),
      row(2, 'update', 'End March 2018', 'End March 2018'), // another field changed
      row(3, 'update', 'End March 2018', 'End May 2018', 'Recruitment'),
      row(4, 'update', 'End May 2018', 'April 2018', 'Brought forward'),
      row(5, 'update', 'April 2018', 'June 2018', 'Audit late'),
    ]).get('a1');
    assert.ok(s);
    assert.equal(s.moves.length, 3);
    assert.equal(s.slips, 2);
    assert.equal(slippedText(s), 'Slipped 2 times, by 3 months in all');
    assert.deepEqual(
      s.moves.map((m) => m.reason),
      ['Recruitment', 'Brought forward', 'Audit late'],
    );
  });

  test('no move is no slippage; a move to words without a date is a change, not a slip', () => {
    assert.equal(
      slippedText(slippageByAction([row(1, 'create', null, 'June 2018')]).get('a1')),
      null,
    );
    const s = slippageByAction([
      row(1, 'create', null, 'June 2018'),
      row(2, 'update', 'June 2018', 'Ongoing'),
    ]).get('a1');
    assert.equal(s?.moves.length, 1);
    assert.equal(slippedText(s), null);
  });

  test('spans in words', () => {
    assert.equal(spanWords(1), '1 day');
    assert.equal(spanWords(13), '13 days');
    assert.equal(spanWords(14), '2 weeks');
    assert.equal(spanWords(91), '3 months');
    assert.equal(spanWords(30), '1 month');
    assert.equal(spanWords(365), '1 year');
    assert.equal(spanWords(427), '1 year and 2 months');
  });
});

describe('moving a due date', () => {
  let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
  let app: AppContext;
  let server: FastifyInstance;
  let planId = '';
  const MANAGER = 'manager@testshire.gov.uk';
  const PASSWORD = 'a long enough password';
  const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args);

  before(async () => {
    database = await freshDatabaseEnv();
    const setup = await createAppContext(loadConfig(database.env));
    try {
      const base = buildPlanDocument();
      const first = base.actions[0];
      assert.ok(first);
      planId = await setup.transaction((trx) =>
        setup.services.documents.import(
          trx,
          setup.changeBy('setup'),
          buildPlanDocument({
            actions: [first, { ...first, id: 'a2', ref: '1.2', text: 'Audit plans' }],
          }),
        ),
      );
      await addMember(
        setup,
        { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
        await councilOf(setup, planId),
        { role: 'plan-manager' },
      );
    } finally {
      await setup.close();
    }
  });
  after(async () => {
    await server?.close();
    await app?.close();
    await database.cleanup();
  });

  test('from the CLI, with a reason it requires', async () => {
    const refused = await g2g('action', 'set-due', planId, 'a1', 'End June 2026');
    assert.notEqual(refused.code, 0);
    assert.match(refused.err.join('\n'), /--reason/);
    const moved = await g2g(
      'action',
      'set-due',
      planId,
      'a1',
      'End June 2026',
      '--reason',
      'Recruitment to the team took longer',
    );
    assert.equal(moved.code, 0, moved.err.join('\n'));
    assert.deepEqual(moved.out, ['Action a1 is now due by 30 June 2026']);
    const nonsense = await g2g('action', 'set-due', planId, 'a1', 'when pigs fly', '--reason', 'x');
    assert.notEqual(nonsense.code, 0);
    assert.match(nonsense.err.join('\n'), /not a due date g2g understands/);
  });

  test('on the edit form, where a reason is required when the date changes; the page and the overview show it', async () => {
    app = await createAppContext(loadConfig(database.env));
    server = await buildServer(app);
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const edit = `/plans/${planId}/actions/a1/edit`;
    const form = await manager.get(edit);
    const version = manager.field(form.body, 'version');
    const sent = {
      text: 'Complete pathway plans for care leavers without a plan',
      outcomes: '',
      status: 'AMBER',
      version,
    };
    const refused = await manager.submit(edit, { ...sent, due: 'End September 2026' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#dueReason">Enter the reason for the change to the due date/);
    // Changing something else needs no reason.
    const other = await manager.submit(edit, { ...sent, due: 'End June 2026', status: 'RED' });
    assert.equal(other.statusCode, 303);
    const again = await manager.get(edit);
    const saved = await manager.submit(edit, {
      ...sent,
      status: 'RED',
      version: manager.field(again.body, 'version'),
      due: 'End September 2026',
      dueReason: 'Waiting for the new case system',
    });
    assert.equal(saved.statusCode, 303);

    const page = (await manager.get(`/plans/${planId}/actions/a1`)).body.replace(/\s+/g, ' ');
    assert.match(page, /Slipped 2 times, by 6 months in all: originally 31 March 2026/);
    assert.match(
      page,
      /From 31 March 2026 to 30 June 2026 \(cli tester, [^)]+\)\. Reason: <span class="g2g-pre-line">Recruitment to the team took longer/,
    );
    assert.match(
      page,
      /From 30 June 2026 to 30 September 2026 \(manager@testshire.gov.uk, [^)]+\)\. Reason: <span class="g2g-pre-line">Waiting for the new case system/,
    );
    assert.doesNotMatch(
      (await manager.get(`/plans/${planId}/actions/a2`)).body,
      /Due date changes/,
    );

    const overview = (await manager.get(`/plans/${planId}`)).body;
    assert.match(overview, /Slipped 2 times, by 6 months in all/);
    const slipped = (await manager.get(`/plans/${planId}?slipped=yes`)).body;
    assert.match(slipped, /Showing 1 of 2 actions/);
  });
});
