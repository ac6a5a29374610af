import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildPlanDocument } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';

// Changing some of a plan's fields keeps the others: the settings with defaults (whether
// statuses wait for confirmation, whether evidence is needed, the day it opens at, the impact
// tolerance) used to fall back to those defaults whenever another field was saved.

let app: Awaited<ReturnType<typeof testContext>>;
before(async () => {
  app = await testContext();
});
after(() => app.close());

describe('changing a plan’s fields', () => {
  test('keeps the settings it does not name', async () => {
    const base = buildPlanDocument();
    const id = await app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('manager'),
        buildPlanDocument({
          plan: {
            ...base.plan,
            confirmStatuses: true,
            evidenceBeforeComplete: true,
            openAsAt: '2026-05-01',
            impactTolerance: 10,
          },
        }),
      ),
    );
    await app.transaction((trx) =>
      app.services.plans.update(trx, app.changeBy('manager'), id, { title: 'A new title' }),
    );
    const { plan } = await app.transaction((trx) => app.services.plans.get(trx, id));
    assert.equal(plan.title, 'A new title');
    assert.equal(plan.confirmStatuses, true);
    assert.equal(plan.evidenceBeforeComplete, true);
    assert.equal(plan.openAsAt, '2026-05-01');
    assert.equal(plan.impactTolerance, 10);
  });
});
