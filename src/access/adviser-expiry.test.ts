import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// An external adviser is given one plan until an end date. When the clock passes it they
// lose the plan at once, in the session they already have open, without signing out.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const EMAIL = 'ada@adviser.example';
const PASSWORD = 'a long enough password';
const ENDS = '2026-06-30T23:59:59.000Z';
const TITLE = /Testshire Children’s Services Improvement Plan/;

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-30T20:00:00Z'); // four hours before the end: sessions last eight
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Ada Adviser', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'adviser', planId, expiresAt: ENDS },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('an adviser’s end date', () => {
  test('passing it ends their access at once, in the session already open', async () => {
    const adviser = await new WebClient(server).signIn(EMAIL, PASSWORD);
    const pages = [
      `/plans/${planId}`,
      `/plans/${planId}/actions/a1`,
      `/plans/${planId}/export.json`,
    ];
    for (const url of pages) assert.equal((await adviser.get(url)).statusCode, 200, url);
    assert.match((await adviser.get('/')).body, TITLE);

    app.clock.set('2026-06-30T23:59:58Z'); // the last second of the last day: still theirs
    assert.equal((await adviser.get(`/plans/${planId}`)).statusCode, 200);

    app.clock.set('2026-07-01T00:00:01Z'); // the next day, the same session
    for (const url of pages) {
      const page = await adviser.get(url);
      assert.equal(page.statusCode, 404, url);
      assert.doesNotMatch(page.body, TITLE, url);
    }
    const home = await adviser.get('/');
    assert.equal(home.statusCode, 200, 'still signed in, with nothing to see');
    assert.doesNotMatch(home.body, TITLE);
    assert.doesNotMatch((await adviser.get('/plans')).body, TITLE);

    const again = await new WebClient(server).signIn(EMAIL, PASSWORD);
    assert.equal(
      (await again.get(`/plans/${planId}`)).statusCode,
      404,
      'nor after signing in again',
    );
  });
});
