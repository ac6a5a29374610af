import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Two plan managers have a round's page open; the first extends its deadline; the second's
// extension, from the page that showed the old deadline, is refused with what the first
// changed, nothing of it saved, and the form holding their date to apply on top.

const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let roundHref = '';
let planId = '';
let roundId = '';

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
  roundId = await app.transaction(
    async (trx) =>
      (
        await app.services.rounds.open(trx, app.changeBy('setup'), planId, {
          name: 'June 2026 update',
          deadline: '2026-06-19',
        })
      ).id,
  );
  roundHref = `/plans/${planId}/rounds/${roundId}`;
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const signedIn = (who: string) => new WebClient(server).signIn(`${who}@testshire.gov.uk`, PASSWORD);
const read = (client: WebClient, html: string) => ({
  _csrf: client.csrf(html),
  version: client.field(html, 'version'),
  original: client.field(html, 'original'),
});
const day = (iso: string) => {
  const [year = '', month = '', dayOf = ''] = iso.split('-');
  return { 'deadline-day': dayOf, 'deadline-month': month, 'deadline-year': year };
};
const deadline = async () =>
  (await app.transaction((trx) => app.services.rounds.get(trx, planId, roundId))).deadline;

describe('extending a round’s deadline from a page someone else saved since', () => {
  test('is refused with what they changed, nothing of it saved, and re-applied on top', async () => {
    const alex = await signedIn('alex');
    const sam = await signedIn('sam');
    const alexForm = read(alex, (await alex.get(roundHref)).body);
    const samForm = read(sam, (await sam.get(roundHref)).body);
    const action = `${roundHref}/deadline`;

    const first = await alex.post(action, { ...alexForm, ...day('2026-06-26') });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(action, { ...samForm, ...day('2026-07-03') });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.match(
      stale.body,
      /<th scope="row" class="govuk-table__header">Deadline<\/th>\s*<td[^>]*>19 June 2026<\/td>\s*<td[^>]*>26 June 2026<\/td>\s*<td[^>]*>3 July 2026<\/td>/,
    );
    assert.equal(await deadline(), '2026-06-26', 'Alex’s deadline stands');

    // The form holds Sam's date at the version saved now; sent, it applies it.
    assert.match(
      stale.body,
      /name="deadline-day" type="text" value="03"|name="deadline-day" type="text" inputmode="numeric" value="03"/,
    );
    const again = await sam.post(action, { ...read(sam, stale.body), ...day('2026-07-03') });
    assert.equal(again.statusCode, 303);
    assert.equal(await deadline(), '2026-07-03');
  });
});
