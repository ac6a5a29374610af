import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { expectedPeriod, periodOf } from './update-period.js';

// Recurring and ongoing actions are never overdue as a whole; they expect an update each period.

describe('the period an update is expected for', () => {
  test('weeks, months, quarters, and financial half-years and years', () => {
    const p = (f: Parameters<typeof periodOf>[0], day: string) => {
      const { start, end } = periodOf(f, day);
      return [start, end];
    };
    assert.deepEqual(p('weekly', '2026-12-06'), ['2026-11-30', '2026-12-06']); // a Sunday
    assert.deepEqual(p('weekly', '2026-12-07'), ['2026-12-07', '2026-12-13']);
    assert.deepEqual(p('monthly', '2024-02-10'), ['2024-02-01', '2024-02-29']);
    assert.deepEqual(p('quarterly', '2018-05-10'), ['2018-04-01', '2018-06-30']);
    assert.deepEqual(p('quarterly', '2018-12-31'), ['2018-10-01', '2018-12-31']);
    assert.deepEqual(p('six-monthly', '2018-02-01'), ['2017-10-01', '2018-03-31']);
    assert.deepEqual(p('six-monthly', '2018-09-30'), ['2018-04-01', '2018-09-30']);
    assert.deepEqual(p('annually', '2018-03-31'), ['2017-04-01', '2018-03-31']);
    assert.deepEqual(p('annually', '2018-04-01'), ['2018-04-01', '2019-03-31']);
  });

  test('only recurring and ongoing due dates, and not before they start', () => {
    assert.equal(
      expectedPeriod(parseFuzzyDate('Quarterly'), '2018-05-10')?.missing,
      'No update this quarter',
    );
    assert.equal(
      expectedPeriod(parseFuzzyDate('Monthly audits'), '2018-05-10')?.missing,
      'No update this month',
    );
    assert.equal(
      expectedPeriod(parseFuzzyDate('Ongoing'), '2018-05-10')?.missing,
      'No update this month',
    );
    assert.equal(expectedPeriod(parseFuzzyDate('End June 2018'), '2018-05-10'), null);
    assert.equal(expectedPeriod(parseFuzzyDate('tba'), '2018-05-10'), null);
    assert.equal(expectedPeriod(null, '2018-05-10'), null);
    const later = parseFuzzyDate('September 2018 onwards');
    if (later.kind === 'ongoing') assert.equal(expectedPeriod(later, '2018-05-10'), null);
  });
});

describe('recurring actions on the pages', () => {
  let app: Awaited<ReturnType<typeof testContext>>;
  let server: FastifyInstance;
  let planId: string;
  const LEAD = 'lead@testshire.gov.uk';
  const PASSWORD = 'a long enough password';

  before(async () => {
    app = await testContext();
    app.clock.set('2027-03-01T09:00:00Z');
    const base = buildPlanDocument();
    const first = base.actions[0];
    assert.ok(first);
    const period = { start: '2026-01-01', end: '2027-12-31' };
    planId = await app.transaction((trx) =>
      app.services.documents.import(
        trx,
        app.changeBy('setup'),
        buildPlanDocument({
          actions: [
            {
              ...first,
              id: 'a1',
              text: 'Audit case files',
              due: parseFuzzyDate('Quarterly', period),
            },
            {
              ...first,
              id: 'a2',
              ref: '1.2',
              text: 'Keep the tracker',
              due: parseFuzzyDate('Ongoing', period),
            },
            {
              ...first,
              id: 'a3',
              ref: '1.3',
              text: 'Write the strategy',
              due: parseFuzzyDate('March 2027', period),
            },
          ],
          updates: [
            // Last quarter's update: this quarter (from 1 April) still has none.
            {
              id: 'u1',
              actionId: 'a1',
              date: '2027-03-20',
              author: 'Lead',
              text: 'Audited 40 files.',
              proposedStatus: null,
              evidence: [],
            },
          ],
        }),
      ),
    );
    await addMember(
      app,
      { email: LEAD, name: 'Service Manager', password: PASSWORD },
      await councilOf(app, planId),
      {
        role: 'action-lead',
        leadNames: ['Service Manager, Leaving Care'],
      },
    );
    server = await buildServer(app);
    app.clock.set('2027-05-10T09:00:00Z');
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  test('say which period lacks its update, are never overdue, and an update clears it', async () => {
    const lead = await new WebClient(server).signIn(LEAD, PASSWORD);
    const overview = (await lead.get(`/plans/${planId}`)).body;
    assert.match(overview, /No update this quarter/);
    assert.match(overview, /No update this month/);
    assert.equal(
      overview.match(/>Overdue<\/strong>/g)?.length,
      1,
      'only the dated action is overdue',
    );
    assert.equal(
      (await lead.get(`/plans/${planId}?overdue=yes`)).body.match(/Showing 1 of 3/)?.length,
      1,
    );
    const page = (await lead.get(`/plans/${planId}/actions/a1`)).body;
    assert.match(page, /No update this quarter<\/strong> This action recurs or is ongoing/);
    // On 25 March the quarter's update had been given.
    const then = await lead.get(`/plans/${planId}/actions/a1?asAt=2027-03-25`);
    assert.equal(then.statusCode, 200);
    assert.match(then.body, /Audited 40 files/);
    assert.doesNotMatch(then.body, /No update this quarter/);
    // On 5 April, in the new quarter, it had none.
    assert.match(
      (await lead.get(`/plans/${planId}/actions/a1?asAt=2027-04-05`)).body,
      /No update this quarter/,
    );

    await lead.submit(`/plans/${planId}/actions/a1/updates/new`, {
      text: 'Audited 35 files.',
      proposedStatus: 'AMBER',
    });
    assert.doesNotMatch(
      (await lead.get(`/plans/${planId}/actions/a1`)).body,
      /No update this quarter/,
    );
    assert.doesNotMatch((await lead.get(`/plans/${planId}`)).body, /No update this quarter/);
  });
});
