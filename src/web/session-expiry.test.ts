import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from './server.js';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const EMAIL = 'lead@testshire.gov.uk';
const PASSWORD = 'a long enough password';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: EMAIL, name: 'Pat Lead', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'action-lead',
      leadNames: ['Service Manager, Leaving Care'],
    },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('a session that ends while a form is being filled in', () => {
  test('nothing is saved, what was typed is kept, and the form reopens filled in after sign-in', async () => {
    const lead = await new WebClient(server).signIn(EMAIL, PASSWORD);
    const formUrl = `/plans/${planId}/actions/a1/updates/new`;
    const form = await lead.get(formUrl);
    const typed = 'Forty of the fifty pathway plans are now <b>complete</b>';
    app.clock.set('2026-06-15T18:00:00Z'); // nine hours later: the 8-hour session has ended
    const sent = await lead.post(formUrl, {
      _csrf: lead.csrf(form.body),
      text: typed,
      proposedStatus: 'GREEN',
      evidenceUrl: '',
    });
    assert.equal(sent.statusCode, 401);
    assert.match(sent.body, /Your session ended before your form was sent, so nothing was saved/);
    assert.match(
      sent.body,
      /Forty of the fifty pathway plans are now &lt;b&gt;complete&lt;\/b&gt;/,
    );
    const updates = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.equal(updates.updates.length, 0);

    const signIn = await lead.post('/sign-in', {
      _csrf: lead.csrf(sent.body),
      email: EMAIL,
      password: PASSWORD,
      returnTo: formUrl,
      pendingForm: lead.field(sent.body, 'pendingForm'),
    });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, formUrl);
    const reopened = await lead.get(formUrl);
    assert.match(
      reopened.body,
      /Forty of the fifty pathway plans are now &lt;b&gt;complete&lt;\/b&gt;<\/textarea>/,
    );
    assert.match(reopened.body, /value="GREEN" checked/);
    // Handed back once only.
    const again = await lead.get(formUrl);
    assert.doesNotMatch(again.body, /Forty of the fifty/);
  });

  test('a kept form is never taken to another site or another page', async () => {
    const lead = new WebClient(server);
    const form = await lead.get('/sign-in');
    const response = await lead.post('/sign-in', {
      _csrf: lead.csrf(form.body),
      email: EMAIL,
      password: PASSWORD,
      pendingForm: JSON.stringify({ path: '//evil.example/x', values: { text: 'x' } }),
    });
    assert.equal(response.headers.location, '/');
  });
});
