import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { LIMITS } from './sign-in-throttle.js';

// Failed sign-ins slow down the next try, but never lock the right person out from
// everywhere, and never lock out everyone behind one office address (a NAT).

const PASSWORD = 'a long enough password';
const OFFICE = '203.0.113.10';
const HOME = '198.51.100.7';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let council = '';
let minute = 0;

/** A moment of the test's own, a minute after the last: the tests never share a window. */
function later(minutes: number) {
  minute += minutes;
  app.clock.set(new Date(Date.UTC(2026, 5, 15, 9, 0) + minute * 60_000).toISOString());
}

async function person(name: string, role: 'plan-manager' | 'administrator' = 'plan-manager') {
  const email = `${name}@testshire.gov.uk`;
  await addMember(app, { email, name, password: PASSWORD }, council, { role });
  return email;
}

/** A sign-in through the real form from `address`: the status and the page. */
async function signIn(email: string, password: string, address: string) {
  const client = new WebClient(server, { remoteAddress: address });
  const form = await client.get('/sign-in');
  const sent = await client.post('/sign-in', { _csrf: client.csrf(form.body), email, password });
  return { status: sent.statusCode, body: sent.body, client };
}

/** A wrong password sent through the form from OFFICE, with an X-Forwarded-For header. */
async function forwarded(target: FastifyInstance, header: string, email: string) {
  const client = new WebClient(target, { remoteAddress: OFFICE });
  const form = await client.get('/sign-in');
  return target.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: OFFICE,
    headers: { 'x-forwarded-for': header, 'content-type': 'application/x-www-form-urlencoded' },
    cookies: Object.fromEntries(client.cookies),
    payload: new URLSearchParams({
      _csrf: client.csrf(form.body),
      email,
      password: 'wrong',
    }).toString(),
  });
}

/** Failures through the service (the same code the form calls), for the larger counts. */
async function fail(email: string, address: string, times: number) {
  for (let i = 0; i < times; i++) {
    await app.transaction((trx) =>
      app.services.accounts.signIn(
        trx,
        { email, password: `wrong ${i}`, address },
        app.clock.now(),
      ),
    );
  }
}

before(async () => {
  app = await testContext();
  later(0);
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  council = await councilOf(app, planId);
  server = await buildServer(app);
});

after(async () => {
  await server?.close();
  await app?.close();
});

describe('failed sign-ins', () => {
  test('five from one address make that address wait a minute for that account, not anyone else', async () => {
    later(60);
    const email = await person('mistyper');
    for (let i = 0; i < LIMITS.pair; i++) {
      assert.equal((await signIn(email, `typo ${i}`, OFFICE)).status, 400);
    }
    const refused = await signIn(email, PASSWORD, OFFICE);
    assert.equal(refused.status, 429);
    assert.match(
      refused.body,
      /Too many failed attempts to sign in\. Wait 1 minutes? and try again/,
    );
    // The right person elsewhere, and a colleague behind the same office address, get in.
    assert.equal((await signIn(email, PASSWORD, HOME)).status, 303);
    const colleague = await person('colleague');
    assert.equal((await signIn(colleague, PASSWORD, OFFICE)).status, 303);
    later(1);
    assert.equal((await signIn(email, PASSWORD, OFFICE)).status, 303);
  });

  test('each failure past the limit doubles the wait', async () => {
    later(60);
    const email = await person('guessed');
    await fail(email, OFFICE, LIMITS.pair);
    later(1);
    assert.equal((await signIn(email, 'another guess', OFFICE)).status, 400);
    const refused = await signIn(email, PASSWORD, OFFICE);
    assert.equal(refused.status, 429);
    assert.match(refused.body, /Wait 2 minutes/);
    later(2);
    assert.equal((await signIn(email, PASSWORD, OFFICE)).status, 303);
  });

  test('guesses at one account spread over many addresses slow that account everywhere', async () => {
    later(60);
    const email = await person('target');
    for (let i = 0; i < LIMITS.account; i++) await fail(email, `192.0.2.${i + 1}`, 1);
    const refused = await signIn(email, PASSWORD, HOME);
    assert.equal(refused.status, 429);
    assert.match(refused.body, /Wait 1 minute/);
    later(1);
    assert.equal((await signIn(email, PASSWORD, HOME)).status, 303);
  });

  test('one address trying many accounts is slowed down, for every account, from that address only', async () => {
    later(60);
    const sprayer = '192.0.2.200';
    for (let i = 0; i < LIMITS.address; i++) await fail(`nobody${i}@example.com`, sprayer, 1);
    const email = await person('bystander');
    assert.equal((await signIn(email, PASSWORD, sprayer)).status, 429);
    assert.equal((await signIn(email, PASSWORD, HOME)).status, 303);
  });

  test('an administrator sees the failures on the person’s page and lets them try again at once', async () => {
    later(60);
    const admin = await person('administrator', 'administrator');
    const email = await person('locked');
    for (let i = 0; i < LIMITS.account; i++) await fail(email, `192.0.2.${i + 1}`, 1);
    assert.equal((await signIn(email, PASSWORD, OFFICE)).status, 429);

    const { client } = await signIn(admin, PASSWORD, HOME);
    const user = await app.transaction((trx) => app.services.accounts.findUserByEmail(trx, email));
    assert.ok(user);
    const page = await client.get(`/councils/testshire/people/change?person=${user.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /There have been 20 failed attempts to sign in as locked/);
    assert.match(page.body, /Nobody can sign in as them until/);
    const lifted = await client.post('/councils/testshire/people/unlock', {
      _csrf: client.csrf(page.body),
      person: user.id,
    });
    assert.equal(lifted.statusCode, 303);
    const banner = await client.get(lifted.headers.location ?? '');
    assert.match(banner.body, /They can try to sign in again now/);
    assert.equal((await signIn(email, PASSWORD, OFFICE)).status, 303);
    const log = await client.get('/councils/testshire/audit?kind=sign-in-unlocked');
    assert.match(log.body, /Failed sign-ins forgotten by an administrator/);
  });
});

describe('the address the throttles count', () => {
  test('is the connection’s: an X-Forwarded-For header is ignored unless TRUST_PROXY names the proxy', async () => {
    later(60);
    const email = await person('forwarded');
    // An attacker changes the header on every try: the failures still add up on one address.
    for (let i = 0; i < LIMITS.pair; i++) {
      assert.equal((await forwarded(server, `10.9.9.${i}`, email)).statusCode, 400);
    }
    const events = await app.transaction((trx) => app.services.access.listAudit(trx, { email }));
    const addresses = new Set(events.map((e) => e.address));
    assert.deepEqual([...addresses], [OFFICE]);

    const behindProxy = await buildServer({
      ...app,
      config: { ...app.config, trustProxy: [OFFICE] },
    });
    try {
      assert.equal((await forwarded(behindProxy, HOME, email)).statusCode, 400);
      const after = await app.transaction((trx) => app.services.access.listAudit(trx, { email }));
      assert.ok(
        after.some((e) => e.address === HOME),
        'the proxy’s client address is counted',
      );
    } finally {
      await behindProxy.close();
    }
  });
});
