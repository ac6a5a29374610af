import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Two plan managers have the budget page open; the first sets a year's budget; the second,
// from the page as it was, sets the same year: refused with what the first set, nothing of it
// saved, and the form holding their figure to save again. Another year is not held up.

const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  const council = await councilOf(app, planId);
  for (const who of ['alex', 'sam']) {
    await addMember(
      app,
      { email: `${who}@testshire.gov.uk`, name: who, password: PASSWORD },
      council,
      { role: 'plan-manager' },
    );
  }
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const signedIn = (who: string) => new WebClient(server).signIn(`${who}@testshire.gov.uk`, PASSWORD);
const read = (client: WebClient, html: string) => ({
  _csrf: client.csrf(html),
  shown: client.field(html, 'shown'),
});
const budgets = async () =>
  Object.fromEntries(
    (await app.transaction((trx) => app.services.budgets.list(trx, planId))).map((b) => [
      b.financialYear,
      b.amountPence,
    ]),
  );

describe('setting a year’s budget from a page someone else saved since', () => {
  test('is refused for that year with what they set, and re-applied on top', async () => {
    const path = `/plans/${planId}/budget`;
    const alex = await signedIn('alex');
    const sam = await signedIn('sam');
    const alexForm = read(alex, (await alex.get(path)).body);
    const samForm = read(sam, (await sam.get(path)).body);

    const first = await alex.post(path, {
      ...alexForm,
      financialYear: '2026/27',
      amount: '250,000',
    });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(path, { ...samForm, financialYear: '2026/27', amount: '200000' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.match(
      stale.body,
      /<th scope="row" class="govuk-table__header">Budget for 2026\/27<\/th>\s*<td[^>]*>Nothing<\/td>\s*<td[^>]*>£250,000.00<\/td>\s*<td[^>]*>£200,000.00<\/td>/,
    );
    assert.deepEqual(await budgets(), { '2026/27': 25_000_000 }, 'Alex’s budget stands');

    // Another year, from the same old page, is not something Alex changed: it is saved.
    const other = await sam.post(path, { ...samForm, financialYear: '2027/28', amount: '90000' });
    assert.equal(other.statusCode, 303);

    // The form holds Sam's figure, with what is saved now as what it showed; sent, it applies.
    assert.match(stale.body, /name="amount" type="text"[^>]*value="200000"/);
    const again = await sam.post(path, {
      ...read(sam, stale.body),
      financialYear:
        /name="financialYear" type="text"[^>]*value="([^"]*)"/.exec(stale.body)?.[1] ?? '',
      amount: '200000',
    });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(await budgets(), { '2026/27': 20_000_000, '2027/28': 9_000_000 });
  });
});
