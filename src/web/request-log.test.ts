import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from './server.js';

// What an operator reads in the logs and what a person sees when a request goes wrong:
// one JSON line per request (no cookie, no query string, no token), every failure with its
// stack and a reference the person is shown; malformed requests are 400 pages, never 500s.

const PASSWORD = 'a long enough password';
const EMAIL = 'pm@testshire.gov.uk';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
const lines: Array<Record<string, unknown>> = [];
const log = {
  write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
};

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Plan Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer({ ...app, config: { ...app.config, logLevel: 'info' } }, { log });
});

after(async () => {
  await server?.close();
  await app?.close();
});

describe('the request log', () => {
  test('has one line per request, with its route and status, and nothing secret', async () => {
    const client = await new WebClient(server).signIn(EMAIL, PASSWORD);
    lines.length = 0;
    const page = await client.get(`/plans/${planId}?returnTo=secret-words`);
    assert.equal(page.statusCode, 200);
    await client.get('/password-reset/a-one-time-token-value');
    const requests = lines.filter((l) => l.msg === 'request');
    assert.equal(requests.length, 2, 'one line for each request');
    const [overview, reset] = requests;
    assert.equal(overview?.method, 'GET');
    assert.equal(overview?.route, '/plans/:planId');
    assert.equal(overview?.status, 200);
    assert.equal(typeof overview?.reqId, 'string');
    assert.equal(typeof overview?.ms, 'number');
    assert.equal(reset?.url, '/password-reset/[token]');
    const written = JSON.stringify(lines);
    assert.doesNotMatch(written, /secret-words|a-one-time-token-value|g2g_session|cookie/i);
    assert.doesNotMatch(written, new RegExp(EMAIL));
  });
});

describe('requests that cannot be used', () => {
  test('a NUL character in an address or a form is a 400 page, not a failure', async () => {
    const client = await new WebClient(server).signIn(EMAIL, PASSWORD);
    const address = await client.get(`/plans/${planId}/actions/%00`);
    assert.equal(address.statusCode, 400);
    assert.match(address.body, /What you sent could not be read/);
    const form = await client.get(`/plans/${planId}/settings`);
    const posted = await client.post(`/plans/${planId}/settings/confirmation`, {
      _csrf: client.csrf(form.body),
      confirmStatuses: 'yes\u0000',
    });
    assert.equal(posted.statusCode, 400);
    assert.doesNotMatch(posted.body, /problem with the service/);
  });

  test('an upload cut off in the middle of its file is a 400 page, and nothing is saved', async () => {
    const client = await new WebClient(server).signIn(EMAIL, PASSWORD);
    const form = await client.get('/councils/testshire/import');
    const boundary = '----g2gboundary';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf(form.body)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.txt"\r\n` +
      'Content-Type: text/plain\r\n\r\nRecommendation 1: the start of a plan that never ends';
    const cut = await server.inject({
      method: 'POST',
      url: '/councils/testshire/import',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      cookies: Object.fromEntries(client.cookies),
    });
    assert.equal(cut.statusCode, 400);
    assert.match(cut.body, /What you sent could not be read/);
  });
});

describe('a failure of our own', () => {
  test('is logged with its stack and a reference, and the person is shown that reference', async () => {
    const fresh = await testContext();
    const broken = await buildServer(
      { ...fresh, config: { ...fresh.config, logLevel: 'info' } },
      { log },
    );
    try {
      const freshPlan = await fresh.transaction((trx) =>
        fresh.services.documents.import(trx, fresh.changeBy('import'), buildPlanDocument()),
      );
      await addMember(
        fresh,
        { email: EMAIL, name: 'Plan Manager', password: PASSWORD },
        await councilOf(fresh, freshPlan),
        { role: 'plan-manager' },
      );
      const client = await new WebClient(broken).signIn(EMAIL, PASSWORD);
      const form = await client.get(`/plans/${freshPlan}/settings`);
      assert.equal(form.statusCode, 200);
      // The database goes away under a running server, and a change is saved.
      await fresh.close();
      lines.length = 0;
      const page = await client.post(`/plans/${freshPlan}/settings/confirmation`, {
        _csrf: client.csrf(form.body),
        confirmStatuses: 'yes',
      });
      assert.equal(page.statusCode, 500);
      assert.match(page.body, /Sorry, there is a problem with the service/);
      const reference = /give them this reference: <strong>([0-9a-f]+)<\/strong>/.exec(
        page.body,
      )?.[1];
      assert.ok(reference, 'the page gives a reference');
      const failure = lines.find((l) => l.msg === 'request failed');
      assert.ok(failure, 'the failure is logged');
      assert.equal(failure.reqId, reference, 'under the reference the person was given');
      assert.equal(failure.level, 50);
      assert.match(String((failure.err as { stack?: string } | undefined)?.stack), /\n\s+at /);
      assert.doesNotMatch(page.body, /\bat \S+\.(ts|js)|Error:/, 'no internals reach the person');
    } finally {
      await broken.close();
    }
  });
});
