import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Two plan managers have a measure's page open; the first enters April's value; the second,
// from the page as it was, enters April too: refused with what the first entered, nothing
// of it saved, and the form holding their figure to save again. Another month is not held up.

const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-01T09:00:00Z');
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
const actuals = async (): Promise<Record<string, number | null>> =>
  Object.fromEntries(
    (await app.transaction((trx) => app.services.documents.export(trx, planId))).measureValues
      .filter((v) => v.measureId === 'm1' && v.series === 'actual')
      .map((v): [string, number | null] => [v.period ?? '', v.value]),
  );

describe('entering a measure’s value from a page someone else saved since', () => {
  test('is refused for that period with what they entered, and re-applied on top', async () => {
    const path = `/plans/${planId}/measures/m1`;
    const alex = await signedIn('alex');
    const sam = await signedIn('sam');
    const alexForm = read(alex, (await alex.get(path)).body);
    const samForm = read(sam, (await sam.get(path)).body);

    const first = await alex.post(`${path}/values`, { ...alexForm, period: 'Apr-26', value: '68' });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(`${path}/values`, {
      ...samForm,
      period: 'April 2026',
      value: '65',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.match(
      stale.body,
      /<th scope="row" class="govuk-table__header">Value for [^<]*<\/th>\s*<td[^>]*>Nothing<\/td>\s*<td[^>]*>68<\/td>\s*<td[^>]*>65<\/td>/,
    );
    assert.deepEqual(await actuals(), { '2026-04-30': 68 }, 'Alex’s value stands');

    // Another month, from the same old page, is not something Alex changed: it is saved.
    const other = await sam.post(`${path}/values`, { ...samForm, period: 'May 2026', value: '70' });
    assert.equal(other.statusCode, 303);

    // The form holds Sam's figure, with what is saved now as what it showed; sent, it applies.
    assert.match(stale.body, /name="value" type="text"[^>]*value="65"/);
    const again = await sam.post(`${path}/values`, {
      ...read(sam, stale.body),
      period: 'April 2026',
      value: '65',
    });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(await actuals(), { '2026-04-30': 65, '2026-05-31': 70 });
  });
});
