import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConflictError, ValidationError } from '../lib/errors.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';

let app: Awaited<ReturnType<typeof testContext>>;

before(async () => {
  app = await testContext();
});
after(() => app.close());

const importPlan = (overrides = {}) =>
  app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('manager'), buildPlanDocument(overrides)),
  );
const view = (id: string) => app.transaction((trx) => app.services.plans.get(trx, id));

describe('the statutory deadline', () => {
  test('is 70 working days after the report was received', async () => {
    const base = buildPlanDocument();
    const id = await importPlan({ inspection: { ...base.inspection, receivedOn: '2022-04-01' } });
    const deadline = (await view(id)).deadline;
    assert.equal(deadline?.date, '2022-07-15');
    assert.equal(deadline?.source, 'statutory');
  });

  test('is 20 working days for a priority-action draft', async () => {
    const base = buildPlanDocument();
    const id = await importPlan({
      plan: { ...base.plan, statementKind: 'priority-action-draft' },
      inspection: { ...base.inspection, receivedOn: '2022-04-01' },
    });
    assert.equal((await view(id)).deadline?.date, '2022-05-04');
  });

  test('follows a corrected received date', async () => {
    const id = await importPlan();
    await app.transaction((trx) =>
      app.services.plans.updateInspection(trx, app.changeBy('manager'), id, {
        receivedOn: '2016-11-28',
      }),
    );
    assert.equal((await view(id)).deadline?.date, '2017-03-09');
  });

  test('can be overridden with a reason, and the override is recorded', async () => {
    const id = await importPlan();
    await app.transaction((trx) =>
      app.services.plans.overrideDeadline(trx, app.changeBy('manager'), id, {
        date: '2026-04-30',
        reason: 'Agreed extension with Ofsted',
      }),
    );
    const deadline = (await view(id)).deadline;
    assert.deepEqual(deadline, {
      date: '2026-04-30',
      source: 'override',
      basis: 'Agreed extension with Ofsted',
    });
    const changes = await app.transaction((trx) =>
      app.services.history.list(trx, id, { entity: 'plan' }),
    );
    const last = changes.at(-1);
    assert.equal(last?.actor, 'manager');
    assert.equal(last?.reason, 'Agreed extension with Ofsted');
    assert.equal(last?.before?.deadlineOverride, null);
    assert.equal(last?.after?.deadlineOverride, '2026-04-30');

    await assert.rejects(
      app.transaction((trx) =>
        app.services.plans.overrideDeadline(trx, app.changeBy('manager'), id, {
          date: '2026-05-30',
          reason: '',
        }),
      ),
      (e: unknown) => e instanceof ValidationError && /reason: is required/.test(e.message),
    );
    await app.transaction((trx) =>
      app.services.plans.overrideDeadline(trx, app.changeBy('manager'), id, {
        date: null,
        reason: 'Back to statute',
      }),
    );
    assert.equal((await view(id)).deadline?.source, 'statutory');
  });
});

describe('plan status', () => {
  test('moves forward step by step and refuses a jump', async () => {
    const id = await importPlan();
    const setStatus = (status: string) =>
      app.transaction((trx) =>
        app.services.plans.update(trx, app.changeBy('manager'), id, { status }),
      );
    await assert.rejects(
      setStatus('monitoring'),
      (e: unknown) =>
        e instanceof ConflictError &&
        /A draft plan cannot become monitoring; it can become approved/.test(e.message),
    );
    for (const status of ['approved', 'submitted', 'monitoring', 'closed'])
      assert.equal((await setStatus(status)).status, status);
    await assert.rejects(setStatus('finished'), /status/);
  });

  test('plan fields are validated', async () => {
    const id = await importPlan();
    await assert.rejects(
      app.transaction((trx) =>
        app.services.plans.update(trx, app.changeBy('manager'), id, {
          periodStart: '2027-01-01',
          periodEnd: '2026-01-01',
        }),
      ),
      /periodEnd: must not be before periodStart/,
    );
    await assert.rejects(
      app.transaction((trx) =>
        app.services.plans.update(trx, app.changeBy('manager'), id, { title: '' }),
      ),
      /title: must not be empty/,
    );
  });
});
