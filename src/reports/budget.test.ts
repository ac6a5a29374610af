import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A plan's budget by financial year: set by a plan manager, recorded in the history, and
// the board pack's costs set against it as it stood on the pack's day. A cost attached to an
// action is one line, counted once in the totals.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'budget.manager@eastmoor.gov.uk';
const VIEWER = 'budget.viewer@eastmoor.gov.uk';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

before(async () => {
  app = await testContext();
  app.clock.set('2026-02-01T09:00:00Z');
  const base = buildPlanDocument();
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'eastmoor', name: 'Eastmoor Council' },
        costs: [
          // Attached to action 1.1: the same line the costs summary lists.
          { ...base.costs[0]!, actionId: 'a1', amountPence: 3_000_000 },
          {
            ...base.costs[0]!,
            id: 'c2',
            actionId: null,
            item: 'Practice development programme',
            amountPence: 1_500_050,
            recurrence: 'recurrent',
            financialYear: '2026/27',
          },
          {
            ...base.costs[0]!,
            id: 'c3',
            actionId: null,
            item: 'Independent reviewing officers',
            amountPence: 2_000_000,
            recurrence: 'recurrent',
            financialYear: '2027/28',
          },
        ],
      }),
    ),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Bo Budget', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: VIEWER, name: 'Vi Viewer', password: PASSWORD }, council, {
    role: 'viewer',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const as = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const pack = (day: string) => `/plans/${planId}/pack?asAt=${day}&board=Improvement+Board`;

describe('a plan’s budget', () => {
  test('a plan manager sets a year’s budget; wrong years and amounts are named', async () => {
    app.clock.set('2026-03-02T09:00:00Z');
    const manager = await as(MANAGER);
    const form = await manager.get(`/plans/${planId}/budget`);
    assert.equal(form.statusCode, 200);
    assert.match(text(form.body), /No budget has been set for this plan yet/);
    const wrongYear = await manager.submit(
      `/plans/${planId}/budget`,
      { financialYear: '2026/28', amount: '40,000' },
      `/plans/${planId}/budget`,
    );
    assert.equal(wrongYear.statusCode, 400);
    assert.match(
      wrongYear.body,
      /href="#financialYear">Enter the financial year as two consecutive years, like 2026\/27/,
    );
    const wrongAmount = await manager.submit(
      `/plans/${planId}/budget`,
      { financialYear: '2026/27', amount: 'about forty thousand' },
      `/plans/${planId}/budget`,
    );
    assert.equal(wrongAmount.statusCode, 400);
    assert.match(wrongAmount.body, /href="#amount">Enter the budget in pounds, like 250,000/);
    assert.match(wrongAmount.body, /value="about forty thousand"/, 'what was typed is kept');
    const saved = await manager.submit(
      `/plans/${planId}/budget`,
      { financialYear: '2026/27', amount: '£40,000' },
      `/plans/${planId}/budget`,
    );
    assert.equal(saved.statusCode, 303);
    const page = await manager.get(`/plans/${planId}/budget`);
    assert.match(page.body, /The budget has been saved/);
    assert.match(text(page.body), /2026\/27 £40,000\.00/);
  });

  test('the pack sets each year’s costs against the budget of its day, each cost once', async () => {
    app.clock.set('2026-05-04T09:00:00Z');
    const manager = await as(MANAGER);
    await manager.submit(
      `/plans/${planId}/budget`,
      { financialYear: '2026/27', amount: '50,000' },
      `/plans/${planId}/budget`,
    );
    await manager.submit(
      `/plans/${planId}/budget`,
      { financialYear: '2027/28', amount: '20,000' },
      `/plans/${planId}/budget`,
    );
    // Before any budget: no budget columns.
    const february = text((await manager.get(pack('2026-02-28'))).body);
    assert.match(february, /2026\/27 £30,000\.00 £15,000\.50 £45,000\.50 /);
    assert.doesNotMatch(february, /Against budget/);
    // April: the first budget, £40,000 for 2026/27; 2027/28 had none yet.
    const april = text((await manager.get(pack('2026-04-30'))).body);
    assert.match(april, /Budget Against budget/);
    assert.match(april, /2026\/27 £30,000\.00 £15,000\.50 £45,000\.50 £40,000\.00 £5,000\.50 over/);
    assert.match(april, /2027\/28 £0\.00 £20,000\.00 £20,000\.00 No budget given/);
    // The action's cost is one line of the summary and counted once in the totals.
    assert.match(april, /Agency social workers Action 1\.1 2026\/27/);
    assert.match(
      april,
      /All years £30,000\.00 £35,000\.50 £65,000\.50 £40,000\.00 £25,000\.50 over/,
    );
    // Today: the budget as changed.
    const may = text((await manager.get(pack('2026-05-04'))).body);
    assert.match(may, /2026\/27 £30,000\.00 £15,000\.50 £45,000\.50 £50,000\.00 £4,999\.50 under/);
    assert.match(may, /2027\/28 £0\.00 £20,000\.00 £20,000\.00 £20,000\.00 On budget/);
    // The workbook: money as numbers, the budget and how far over.
    const book = new ExcelJS.Workbook();
    const file = await manager.get(
      `/plans/${planId}/pack/download.xlsx?asAt=2026-05-04&board=Improvement+Board`,
    );
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Budget')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    assert.deepEqual(row(2), ['2026/27', 30000, 15000.5, 45000.5, 50000, -4999.5]);
    assert.deepEqual(row(4), ['All years', 30000, 35000.5, 65000.5, 70000, -4999.5]);
  });

  test('removing a year’s budget; the changes are in the audit trail; others may not', async () => {
    app.clock.set('2026-05-05T09:00:00Z');
    const manager = await as(MANAGER);
    await manager.submit(
      `/plans/${planId}/budget`,
      { financialYear: '2027/28', amount: '' },
      `/plans/${planId}/budget`,
    );
    const page = text((await manager.get(`/plans/${planId}/budget`)).body);
    assert.doesNotMatch(page, /2027\/28 £/);
    const audit = text((await manager.get(`/plans/${planId}/audit?entity=budget`)).body);
    assert.match(audit, /the budget for 2026\/27/);
    assert.match(audit, /the budget for 2027\/28/);
    const viewer = await as(VIEWER);
    assert.equal((await viewer.get(`/plans/${planId}/budget`)).statusCode, 403);
    const draft = await viewer.get(pack('2026-05-05'));
    assert.doesNotMatch(draft.body, /Set the plan’s budget/);
  });
});
