import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { chooseEncoding, KeptPage } from './kept-page.js';
import { buildServer } from './server.js';

// Pages kept as the bytes that are sent: the same page whether compressed or not, the same
// page again on a repeat view, and a new page as soon as something changes.

describe('the encoding chosen for Accept-Encoding', () => {
  test('brotli before gzip, nothing refused with q=0, and nothing unknown', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), null);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding(undefined), null);
    assert.equal(chooseEncoding(['deflate', 'GZIP']), 'gzip');
  });

  test('a page with a hole gets the value of each view in it, and is never compressed', () => {
    const page = new KeptPage(`<p>${'x'.repeat(2000)}<input value="MARK"></p>`, {
      MARK: 'token',
    });
    const first = page.body('br', { token: 'one' });
    const second = page.body('br', { token: 'two' });
    assert.equal(first.encoding, null);
    assert.match(first.bytes.toString(), /value="one"/);
    assert.match(second.bytes.toString(), /value="two"/);
    assert.doesNotMatch(second.bytes.toString(), /MARK/);
  });
});

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let roundHref: string;
const PASSWORD = 'a long enough password';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  const council = await councilOf(app, planId);
  await addMember(
    app,
    { email: 'pm@testshire.gov.uk', name: 'Plan Manager', password: PASSWORD },
    council,
    {
      role: 'plan-manager',
    },
  );
  await addMember(
    app,
    { email: 'lead@testshire.gov.uk', name: 'Care Lead', password: PASSWORD },
    council,
    {
      role: 'action-lead',
      leadNames: ['Service Manager, Leaving Care'],
    },
  );
  const round = await app.transaction((trx) =>
    app.services.rounds.open(trx, app.changeBy('pm'), planId, {
      name: 'June 2026 update',
      deadline: '2026-06-26',
    }),
  );
  roundHref = `/plans/${planId}/rounds/${round.id}/my-updates`;
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

async function view(client: WebClient, url: string, acceptEncoding?: string) {
  const response = await server.inject({
    method: 'GET',
    url,
    cookies: Object.fromEntries(client.cookies),
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });
  assert.equal(response.statusCode, 200);
  const raw = response.rawPayload;
  const encoding = response.headers['content-encoding'];
  const html = (
    encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw
  ).toString('utf8');
  return { html, encoding, vary: response.headers.vary, sent: raw.length };
}

for (const [name, path] of [
  ['the plan overview', () => `/plans/${planId}`],
  ['an action page', () => `/plans/${planId}/actions/a1`],
] as const) {
  test(`${name} is the same page compressed or not, and again on a repeat view`, async () => {
    const pm = await new WebClient(server).signIn('pm@testshire.gov.uk', PASSWORD);
    const plain = await view(pm, path());
    assert.equal(plain.encoding, undefined);
    assert.equal(plain.vary, 'Accept-Encoding');
    const br = await view(pm, path(), 'gzip, deflate, br');
    const gzip = await view(pm, path(), 'gzip');
    assert.equal(br.encoding, 'br');
    assert.equal(gzip.encoding, 'gzip');
    assert.ok(br.sent < plain.sent / 2, `brotli sent ${br.sent} of ${plain.sent} bytes`);
    assert.equal(br.html, plain.html);
    assert.equal(gzip.html, plain.html);
    assert.equal((await view(pm, path(), 'br')).html, plain.html);
    assert.equal((await view(pm, path())).html, plain.html);
  });
}

test('a kept action page shows a change at once, compressed or not', async () => {
  const pm = await new WebClient(server).signIn('pm@testshire.gov.uk', PASSWORD);
  const path = `/plans/${planId}/actions/a1`;
  await view(pm, path, 'br');
  await view(pm, path);
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('pm'), planId, 'action', 'a1', {
      text: 'Complete every pathway plan this quarter',
    }),
  );
  assert.match((await view(pm, path, 'br')).html, /Complete every pathway plan this quarter/);
  assert.match((await view(pm, path)).html, /Complete every pathway plan this quarter/);
});

test('each person sees their own name and sign-out token on a kept page', async () => {
  const pm = await new WebClient(server).signIn('pm@testshire.gov.uk', PASSWORD);
  const lead = await new WebClient(server).signIn('lead@testshire.gov.uk', PASSWORD);
  const path = `/plans/${planId}/actions/a1`;
  const forPm = (await view(pm, path, 'br')).html;
  const forLead = (await view(lead, path, 'br')).html;
  assert.match(forPm, /Plan Manager/);
  assert.doesNotMatch(forPm, /Care Lead/);
  assert.match(forLead, /Care Lead/);
  assert.doesNotMatch(forLead, /Plan Manager/);
});

test("a lead's round page has a new once-only token on every view, and shows a new update", async () => {
  const lead = await new WebClient(server).signIn('lead@testshire.gov.uk', PASSWORD);
  const first = (await view(lead, roundHref, 'br')).html;
  const second = (await view(lead, roundHref, 'br')).html;
  const token = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token(first) && token(second));
  assert.notEqual(token(first), token(second));
  assert.equal(first.replace(token(first) ?? '', ''), second.replace(token(second) ?? '', ''));
  assert.doesNotMatch(first, /Met the first care leavers this week/);
  const saved = await lead.submit(roundHref, {
    'text-0': 'Met the first care leavers this week',
    'status-0': 'GREEN',
  });
  assert.equal(saved.statusCode, 303);
  assert.match((await view(lead, roundHref)).html, /Met the first care leavers this week/);
});
