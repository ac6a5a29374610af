import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { buildPlanDocument } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { ENTITY_KINDS, type EntityKind } from './plan-entities.js';

let app: Awaited<ReturnType<typeof testContext>>;
let planId: string;

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('manager'), buildPlanDocument()),
  );
});
after(() => app.close());

const add = (kind: EntityKind, input: unknown) =>
  app.transaction((trx) =>
    app.services.content.add(trx, app.changeBy('manager'), planId, kind, input),
  );
const update = (kind: EntityKind, id: string, patch: unknown) =>
  app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('manager'), planId, kind, id, patch),
  );
const remove = (kind: EntityKind, id: string) =>
  app.transaction((trx) =>
    app.services.content.remove(trx, app.changeBy('manager'), planId, kind, id),
  );
const count = (kind: EntityKind) =>
  app
    .transaction((trx) => app.services.content.list(trx, planId, kind))
    .then((rows) => rows.length);

/** Asserts the promise fails validation with a message naming `field`, and nothing was added. */
async function refused(kind: EntityKind, attempt: () => Promise<unknown>, field: RegExp) {
  const before = await count(kind);
  await assert.rejects(attempt(), (error: unknown) => {
    assert.ok(
      error instanceof ValidationError,
      `expected a validation error, got ${String(error)}`,
    );
    assert.match(error.message, field);
    return true;
  });
  assert.equal(await count(kind), before);
}

describe('plan content: each kind of thing is validated and saved', () => {
  test('section', async () => {
    const row = await add('section', {
      ref: 'Section Two',
      title: 'Further areas for improvement',
      category: 'improvement',
    });
    assert.match(row.id, /^s-/);
    await refused(
      'section',
      () => add('section', { ref: null, title: '   ', category: null }),
      /title: must not be empty/,
    );
    await refused(
      'section',
      () => add('section', { ref: null, title: 'x', category: 'urgent' }),
      /category/,
    );
  });

  test('theme or workstream', async () => {
    const row = await add('theme', {
      kind: 'workstream',
      ref: 'A',
      title: 'Leadership',
      sponsor: 'Chief Executive',
      lead: 'Head of Service',
      commitments: ['Stable workforce'],
      successCriteria: ['Turnover below 12%'],
    });
    const saved = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.deepEqual(
      saved.themes.find((t) => t.id === row.id),
      {
        id: row.id,
        kind: 'workstream',
        ref: 'A',
        title: 'Leadership',
        sponsor: 'Chief Executive',
        lead: 'Head of Service',
        commitments: ['Stable workforce'],
        successCriteria: ['Turnover below 12%'],
      },
      'the workstream is in the plan as entered',
    );
    await refused(
      'theme',
      () =>
        add('theme', {
          kind: 'programme',
          ref: null,
          title: 'x',
          sponsor: null,
          lead: null,
          commitments: [],
          successCriteria: [],
        }),
      /kind/,
    );
  });

  test('recommendation', async () => {
    const row = await add('recommendation', {
      ref: '2',
      text: 'Re-establish contact with care leavers',
      category: 'priority',
      judgementArea: null,
      sectionId: 's1',
      themeId: null,
      leads: [],
      due: 'By December 2026',
    });
    assert.equal(row.dueEnd, '2026-12-31');
    await refused(
      'recommendation',
      () =>
        add('recommendation', {
          ref: '3',
          text: 'x',
          category: null,
          judgementArea: null,
          sectionId: 'nope',
          themeId: null,
          leads: [],
          due: null,
        }),
      /sectionId: no section in this plan has the id "nope"/,
    );
  });

  test('action', async () => {
    const row = await add('action', {
      recommendationId: 'r1',
      themeId: null,
      ref: '1.2',
      text: 'Train staff',
      outcomes: null,
      leads: [{ name: 'Principal Social Worker', kind: 'role' }],
      due: 'Autumn 2026',
      status: 'GREY',
      evidence: null,
    });
    assert.equal(row.dueEnd, '2026-11-30');
    await refused(
      'action',
      () =>
        add('action', {
          recommendationId: 'r1',
          themeId: null,
          ref: null,
          text: '',
          outcomes: null,
          leads: [],
          due: null,
          status: null,
          evidence: null,
        }),
      /text/,
    );
    await refused(
      'action',
      () =>
        add('action', {
          recommendationId: 'r1',
          themeId: null,
          ref: null,
          text: 'x',
          outcomes: null,
          leads: [{ name: 'A', kind: 'child' }],
          due: null,
          status: null,
          evidence: null,
        }),
      /leads\.0\.kind/,
    );
    await refused(
      'action',
      () =>
        add('action', {
          recommendationId: 'r1',
          themeId: null,
          ref: null,
          text: 'x'.repeat(20_001),
          outcomes: null,
          leads: [],
          due: null,
          status: null,
          evidence: null,
        }),
      /text: must be 20000 characters or fewer/,
    );
    await assert.rejects(
      add('action', {
        id: 'a1',
        recommendationId: null,
        themeId: null,
        ref: null,
        text: 'dup',
        outcomes: null,
        leads: [],
        due: null,
        status: null,
        evidence: null,
      }),
      ConflictError,
    );
  });

  test('progress update', async () => {
    await add('update', {
      actionId: 'a1',
      date: '2026-02-01',
      author: 'Service Manager',
      text: 'On track',
      proposedStatus: 'AMBER',
      evidence: [],
    });
    await refused(
      'update',
      () =>
        add('update', {
          actionId: 'a1',
          date: '2026-02-30',
          author: 'x',
          text: 'y',
          proposedStatus: null,
          evidence: [],
        }),
      /date: is not a real calendar date/,
    );
    await refused(
      'update',
      () =>
        add('update', {
          actionId: 'a404',
          date: '2026-02-01',
          author: 'x',
          text: 'y',
          proposedStatus: null,
          evidence: [],
        }),
      /actionId: no action/,
    );
  });

  test('measure', async () => {
    const row = await add('measure', {
      ref: null,
      name: 'Caseloads per FTE',
      unit: null,
      direction: 'lower',
      rangeLow: null,
      rangeHigh: null,
      lead: null,
      baseline: null,
      targets: [{ value: 25, text: 'Caseloads reduce to 25 per FTE', due: 'Jun 2026', lead: null }],
      actionIds: ['a1'],
      recommendationIds: [],
    });
    assert.equal((row.targets as Array<{ due: { end: string } }>)[0]?.due.end, '2026-06-30');
    await refused(
      'measure',
      () =>
        add('measure', {
          ref: null,
          name: 'x',
          unit: null,
          direction: 'range',
          rangeLow: null,
          rangeHigh: null,
          lead: null,
          baseline: null,
          targets: [],
          actionIds: [],
          recommendationIds: [],
        }),
      /rangeLow: a measure kept within a range/,
    );
    await refused(
      'measure',
      () =>
        add('measure', {
          ref: null,
          name: 'x',
          unit: null,
          direction: 'higher',
          rangeLow: null,
          rangeHigh: null,
          lead: null,
          baseline: null,
          targets: [],
          actionIds: ['a9'],
          recommendationIds: [],
        }),
      /actionIds\.0: no action/,
    );
  });

  test('risk', async () => {
    await add('risk', {
      ref: '2',
      threat: 'Recruitment of social workers fails',
      impactBefore: 'high',
      probabilityBefore: 'high',
      controls: 'Market supplement',
      controlActionIds: [],
      impactAfter: 'medium',
      probabilityAfter: 'low',
      owner: 'Director',
    });
    await refused(
      'risk',
      () =>
        add('risk', {
          ref: null,
          threat: 'x',
          impactBefore: 'huge',
          probabilityBefore: null,
          controls: null,
          controlActionIds: [],
          impactAfter: null,
          probabilityAfter: null,
          owner: null,
        }),
      /impactBefore/,
    );
  });

  test('cost', async () => {
    await add('cost', {
      actionId: null,
      themeId: null,
      item: 'Independent chair',
      amountPence: 1_500_000,
      recurrence: 'recurrent',
      financialYear: '2026/27',
      staffing: null,
      notes: null,
    });
    await refused(
      'cost',
      () =>
        add('cost', {
          actionId: null,
          themeId: null,
          item: 'x',
          amountPence: 10.5,
          recurrence: 'one-off',
          financialYear: null,
          staffing: null,
          notes: null,
        }),
      /amountPence: must be a whole number of pence/,
    );
    await refused(
      'cost',
      () =>
        add('cost', {
          actionId: null,
          themeId: null,
          item: 'x',
          amountPence: 1,
          recurrence: 'one-off',
          financialYear: '2015/17',
          staffing: null,
          notes: null,
        }),
      /financialYear: must be two consecutive years/,
    );
  });
});

describe('plan content: changes and removals', () => {
  test('an update changes only what it names and keeps the rest', async () => {
    const row = await update('action', 'a1', { due: 'End May 2026' });
    assert.equal(row.text, 'Complete pathway plans for care leavers without a plan');
    assert.equal(row.dueEnd, '2026-05-31');
    await refused('action', () => update('action', 'a1', { id: 'other' }), /id: cannot be changed/);
    await refused('action', () => update('action', 'a1', { colour: 'red' }), /Unrecognized key/i);
  });

  test('something still referred to cannot be removed; a free thing can', async () => {
    await assert.rejects(
      remove('action', 'a1'),
      (error: unknown) =>
        error instanceof ConflictError &&
        /measure m1/.test(error.message) &&
        /risk k1/.test(error.message),
    );
    const risk = await add('risk', {
      ref: null,
      threat: 'Temporary',
      impactBefore: null,
      probabilityBefore: null,
      controls: null,
      controlActionIds: [],
      impactAfter: null,
      probabilityAfter: null,
      owner: null,
    });
    await remove('risk', risk.id);
    await assert.rejects(remove('risk', risk.id), NotFoundError);
  });

  test('unknown plans and ids are clear not-found errors', async () => {
    await assert.rejects(
      app.transaction((trx) =>
        app.services.content.add(trx, app.changeBy('x'), 'not-a-plan', 'risk', {}),
      ),
      /There is no plan with the id not-a-plan/,
    );
    await assert.rejects(update('action', 'zzz', { text: 'x' }), /has no action with the id zzz/);
  });
});

describe('plan content: reading a whole plan', () => {
  test('listAll gives every kind, in order, the same as listing each kind', async () => {
    await app.transaction(async (trx) => {
      const all = await app.services.content.listAll(trx, planId);
      assert.deepEqual(Object.keys(all), [...ENTITY_KINDS]);
      for (const kind of ENTITY_KINDS) {
        assert.deepEqual(all[kind], await app.services.content.list(trx, planId, kind));
      }
      assert.ok(all.action.length > 0);
    });
  });
});
