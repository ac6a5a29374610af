import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';

let app: Awaited<ReturnType<typeof testContext>>;
let planId: string;
const at = (day: string) => app.clock.set(`${day}T10:00:00Z`);
before(async () => {
  app = await testContext();
  // A plan run over simulated months, as a council would.
  at('2018-01-15');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('improvement manager'), buildPlanDocument()),
  );
  at('2018-02-20');
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('action lead'), planId, 'action', 'a1', {
      status: 'RED',
    }),
  );
  at('2018-03-10');
  await app.transaction((trx) =>
    app.services.content.add(trx, app.changeBy('improvement manager'), planId, 'action', {
      id: 'a2',
      recommendationId: 'r1',
      themeId: null,
      ref: '1.2',
      text: 'Review pathway plans every six months',
      outcomes: null,
      leads: [{ name: 'Team Manager', kind: 'role' }],
      due: 'Jan 2019',
      status: 'GREY',
      evidence: null,
    }),
  );
  at('2018-04-12');
  await app.transaction((trx) =>
    app.services.content.add(trx, app.changeBy('action lead'), planId, 'update', {
      id: 'u1',
      actionId: 'a1',
      date: '2018-04-12',
      author: 'Service Manager',
      text: '60 of 74 care leavers now have a plan.',
      proposedStatus: 'AMBER',
      evidence: [{ kind: 'link', title: 'Audit summary', url: 'https://example.org/audit' }],
    }),
  );
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('action lead'), planId, 'action', 'a1', {
      status: 'AMBER',
    }),
  );
  at('2018-05-03');
  await app.transaction((trx) =>
    app.services.content.remove(trx, app.changeBy('improvement manager'), planId, 'cost', 'c1'),
  );
  await app.transaction((trx) =>
    app.services.plans.update(trx, app.changeBy('improvement manager'), planId, {
      title: 'Revised plan',
      status: 'approved',
    }),
  );
  at('2018-06-01');
});
after(() => app.close());

const asAt = (instant: string) =>
  app.transaction((trx) => app.services.documents.exportAsAt(trx, planId, instant));

describe('history', () => {
  test('the plan can be reconstructed as it stood on several past dates', async () => {
    const jan = await asAt('2018-01-31T23:59:59Z');
    assert.equal(jan.actions.length, 1);
    assert.equal(jan.actions[0]?.status, 'AMBER');
    assert.equal(jan.costs.length, 1);
    assert.equal(jan.plan.title, buildPlanDocument().plan.title);

    const feb = await asAt('2018-02-28T23:59:59Z');
    assert.equal(feb.actions[0]?.status, 'RED');
    assert.equal(feb.actions.length, 1);

    const march = await asAt('2018-03-31T23:59:59Z');
    assert.deepEqual(
      march.actions.map((a) => `${a.id}:${a.status}`),
      ['a1:RED', 'a2:GREY'],
    );
    assert.equal(march.updates.length, 0);

    const april = await asAt('2018-04-30T23:59:59Z');
    assert.equal(april.actions[0]?.status, 'AMBER');
    assert.equal(april.updates[0]?.text, '60 of 74 care leavers now have a plan.');
    assert.equal(april.costs.length, 1);
    assert.equal(april.plan.status, 'draft');

    const may = await asAt('2018-05-31T23:59:59Z');
    assert.equal(may.costs.length, 0);
    assert.equal(may.plan.title, 'Revised plan');
    assert.equal(may.plan.status, 'approved');
  });

  test('the reconstruction of now equals the current plan', async () => {
    const now = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.deepEqual(await asAt(app.clock.now()), now);
  });

  test('several days from one read of the history: each the same as rebuilt on its own', async () => {
    const days = [
      '2018-05-31T23:59:59.999Z',
      '2018-01-10T23:59:59.999Z',
      '2018-03-31T23:59:59.999Z',
      '2018-02-20T10:00:00.000Z',
    ];
    const each = await app.transaction((trx) =>
      app.services.documents.exportAsAtEach(trx, planId, days),
    );
    assert.equal(each[1], null, 'before the plan was saved');
    for (const [i, day] of days.entries()) {
      if (i === 1) continue;
      assert.deepEqual(each[i], await asAt(day), day);
    }
    // The moment of a change includes it, as exportAsAt does: a1 turned red then.
    assert.equal(each[3]?.actions.find((a) => a.id === 'a1')?.status, 'RED');
    assert.equal(each[2]?.actions.length, 2);
    assert.equal(each[0]?.plan.title, 'Revised plan');
  });

  test('before the plan existed there is nothing to reconstruct', async () => {
    await assert.rejects(asAt('2017-12-31T00:00:00Z'), /had not been added yet/);
  });

  test('each change records who, when, before and after', async () => {
    const changes = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'action', entityId: 'a1' }),
    );
    assert.deepEqual(
      changes.map((c) => [c.op, c.actor, c.at.slice(0, 10)]),
      [
        ['create', 'improvement manager', '2018-01-15'],
        ['update', 'action lead', '2018-02-20'],
        ['update', 'action lead', '2018-04-12'],
      ],
    );
    assert.equal(changes[1]?.before?.status, 'AMBER');
    assert.equal(changes[1]?.after?.status, 'RED');
  });

  test('the record is append-only', async () => {
    await assert.rejects(
      sql`update change_log set actor = 'someone else'`.execute(app.db),
      /append-only/,
    );
    await assert.rejects(sql`delete from change_log`.execute(app.db), /append-only/);
    await assert.rejects(sql`truncate change_log`.execute(app.db), /append-only/);
  });

  test('a change that fails validation writes neither the change nor its history', async () => {
    const count = async () =>
      (await app.transaction((trx) => app.services.history.list(trx, planId))).length;
    const before = await count();
    await assert.rejects(
      app.transaction((trx) =>
        app.services.content.update(trx, app.changeBy('x'), planId, 'action', 'a1', {
          status: 'MAUVE',
        }),
      ),
      /status: "MAUVE" is not a status/,
    );
    assert.equal(await count(), before);
  });
});
