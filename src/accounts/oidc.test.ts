import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { addMember } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';
import { verifiedEmail } from './oidc.claims.js';

// Single sign-on end to end: the app listens on a real port and a real OpenID provider
// (oidc-provider, with its development login and consent pages) runs beside it. A small
// cookie-keeping HTTP client plays the browser, posting the provider's forms.

const CLIENT = { id: 'g2g-northshire', secret: 'a client secret long enough to sign with' };
const PASSWORD = 'a long enough password';

/** The provider's people: their subject (what the dev login form takes) and claims. */
const people: Record<string, Record<string, unknown>> = {
  'sub-alice': { email: 'alice@northshire.gov.uk', email_verified: true, name: 'Alice' },
  'sub-dave': { email: 'dave@northshire.gov.uk', email_verified: true, name: 'Dave' },
  'sub-carol': { email: 'carol@northshire.gov.uk', email_verified: true, name: 'Carol' },
  'sub-erin': { email: 'erin@northshire.gov.uk', email_verified: false, name: 'Erin' },
};

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let idp: Server;
let base = '';
let issuer = '';
let northshire = '';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const [north, south, east] = await app.transaction(async (trx) => [
    await app.services.access.addCouncil(trx, { slug: 'northshire', name: 'Northshire Council' }),
    await app.services.access.addCouncil(trx, { slug: 'southshire', name: 'Southshire Council' }),
    await app.services.access.addCouncil(trx, { slug: 'eastshire', name: 'Eastshire Council' }),
  ]);
  northshire = north.id;
  // Alice was invited by Northshire; Carol has the same e-mail domain but works for Southshire.
  await addMember(
    app,
    { email: 'Alice@Northshire.gov.uk', name: 'Alice Adams', password: PASSWORD },
    north.id,
    {
      role: 'viewer',
    },
  );
  await addMember(
    app,
    { email: 'carol@northshire.gov.uk', name: 'Carol Cole', password: PASSWORD },
    south.id,
    {
      role: 'administrator',
    },
  );

  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  app.config.publicUrl = base;

  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${base}/sign-in/northshire/sso/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx, id) => {
      const claims = people[id];
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => console.error(error));
  idp.on('request', provider.callback());

  await app.transaction(async (trx) => {
    const sso = app.services.oidc;
    const by = { actor: 'test', at: app.clock.now() };
    const settings = { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret };
    await sso.configure(trx, by, 'northshire', settings);
    await sso.configure(trx, by, 'southshire', settings);
    await sso.disable(trx, by, 'southshire');
  });
  void east;
});

after(async () => {
  await server.close();
  await new Promise((resolve) => idp.close(resolve));
  idp.closeAllConnections();
  await app.close();
});

/** A browser without JavaScript: keeps each site's cookies, follows nothing by itself. */
class Agent {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar(origin).get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    this.jar(origin).set(name, value);
  }

  private jar(origin: string) {
    const host = new URL(origin).host;
    if (!this.jars.has(host)) this.jars.set(host, new Map());
    return this.jars.get(host)!;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const jar = this.jar(url);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone =
        value === '' ||
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        attributes.some((a) => /^\s*expires=.*19[0-9]{2}/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
}

/**
 * Starts single sign-on at the app, signs in at the provider as `subject` (login, then
 * consent), and stops at the provider's redirect back to the app: returns that callback URL.
 */
async function signInAtProvider(agent: Agent, slug: string, subject: string, returnTo = '/plans') {
  let response = await agent.get(
    `${base}/sign-in/${slug}/sso?returnTo=${encodeURIComponent(returnTo)}`,
  );
  assert.equal(response.status, 303, 'the app sends the browser to the provider');
  let url = response.headers.get('location')!;
  assert.ok(url.startsWith(`${issuer}/`), `to the council's provider, not ${url}`);
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(`${base}/sign-in/${slug}/sso/callback`)) return url;
    response = await agent.get(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url).href;
      continue;
    }
    const html = await response.text();
    assert.equal(response.status, 200, html);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action && prompt, `a login or consent form at ${url}`);
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt };
    const posted = await agent.post(new URL(action, url).href, form);
    assert.ok(posted.status >= 300 && posted.status < 400, `the ${prompt} form is accepted`);
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back');
}

const audits = (kind: string) =>
  app.transaction((trx) => app.services.access.listAudit(trx, { kind }));
const identities = () =>
  app.transaction((trx) => trx.selectFrom('userIdentity').selectAll().execute());

describe('single sign-on with a council’s OpenID provider', () => {
  test('the sign-in page offers it, and the list names only councils that have it on', async () => {
    const signIn = await fetch(`${base}/sign-in?returnTo=%2Fplans`);
    const html = await signIn.text();
    assert.match(
      html,
      /href="\/sign-in\/sso\?returnTo=%2Fplans"[^>]*>Sign in with your council account</,
    );
    const list = await (await fetch(`${base}/sign-in/sso?returnTo=%2Fplans`)).text();
    assert.match(list, /href="\/sign-in\/northshire\/sso\?returnTo=%2Fplans">Northshire Council</);
    assert.doesNotMatch(
      list,
      /Southshire|Eastshire/,
      'disabled or unconfigured councils are not offered',
    );
  });

  test('an invited person signs in with their council account and lands where they were going', async () => {
    const agent = new Agent();
    const callback = await signInAtProvider(agent, 'northshire', 'sub-alice', '/plans');
    const back = await agent.get(callback);
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), '/plans');
    assert.ok(agent.cookie(base, 'g2g_session'), 'a session was started');
    assert.equal(agent.cookie(base, 'g2g_sso'), undefined, 'the sign-in in progress is forgotten');
    const page = await agent.get(`${base}/plans`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Sign out \(Alice Adams\)/);

    const [signedIn] = await audits('sign-in');
    assert.equal(signedIn?.email, 'alice@northshire.gov.uk');
    assert.equal(signedIn?.organisationId, northshire);
    assert.deepEqual(signedIn?.detail, { method: 'oidc', issuer, linked: true });
    const links = await identities();
    assert.deepEqual(
      links.map((l) => [l.issuer, l.subject]),
      [[issuer, 'sub-alice']],
    );
  });

  test('a later sign-in follows the linked subject even when the e-mail address has changed', async () => {
    people['sub-alice'] = { ...people['sub-alice'], email: 'alice.adams@northshire.gov.uk' };
    const agent = new Agent();
    const back = await agent.get(await signInAtProvider(agent, 'northshire', 'sub-alice', '/'));
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), '/');
    assert.match(await (await agent.get(`${base}/`)).text(), /Sign out \(Alice Adams\)/);
  });

  test('an e-mail address nobody invited is refused with a clear page, audited as failed', async () => {
    const agent = new Agent();
    const back = await agent.get(await signInAtProvider(agent, 'northshire', 'sub-dave'));
    assert.equal(back.status, 403);
    const html = await back.text();
    assert.match(
      html,
      /<h1 class="govuk-heading-l">Ask your council’s administrator to invite you<\/h1>/,
    );
    assert.match(html, /dave@northshire\.gov\.uk/);
    assert.equal(agent.cookie(base, 'g2g_session'), undefined);
    const failed = (await audits('sign-in-failed')).find(
      (a) => a.email === 'dave@northshire.gov.uk',
    );
    assert.deepEqual(failed?.detail, { method: 'oidc', issuer, reason: 'not-invited' });
    assert.equal((await identities()).length, 1, 'no identity linked');
    const users = await app.transaction((trx) => app.services.accounts.listUsers(trx));
    assert.ok(!users.some((u) => u.email.startsWith('dave')), 'no user created from the claims');
  });

  test('a person of another council with the same e-mail domain is not signed in through this one', async () => {
    const agent = new Agent();
    const back = await agent.get(await signInAtProvider(agent, 'northshire', 'sub-carol'));
    assert.equal(back.status, 403);
    const html = await back.text();
    assert.match(html, /Ask your council’s administrator to invite you/);
    assert.doesNotMatch(html, /Southshire/, 'the other council is not revealed');
    assert.equal(agent.cookie(base, 'g2g_session'), undefined);
    assert.equal((await identities()).length, 1);
  });

  test('an unverified e-mail address is not trusted', async () => {
    const agent = new Agent();
    const back = await agent.get(await signInAtProvider(agent, 'northshire', 'sub-erin'));
    assert.equal(back.status, 403);
    assert.match(await back.text(), /did not give a verified email address/);
  });

  test('a callback whose state does not match is refused, and so is a replayed one', async () => {
    const agent = new Agent();
    const callback = new URL(await signInAtProvider(agent, 'northshire', 'sub-alice'));
    const realState = callback.searchParams.get('state')!;
    const key = agent.cookie(base, 'g2g_sso')!;
    callback.searchParams.set('state', 'forged-state');
    const forged = await agent.get(callback.href);
    assert.equal(forged.status, 400);
    assert.match(await forged.text(), /Signing in with your council account did not work/);
    assert.equal(agent.cookie(base, 'g2g_session'), undefined);
    const [mismatch] = await audits('sign-in-failed');
    assert.match(String((mismatch?.detail as { reason?: string }).reason), /state/);

    // The real callback afterwards fails too: the sign-in in progress was used up.
    callback.searchParams.set('state', realState);
    agent.setCookie(base, 'g2g_sso', key);
    const replay = await agent.get(callback.href);
    assert.equal(replay.status, 400);
    assert.equal(agent.cookie(base, 'g2g_session'), undefined);

    // A successful callback, replayed (even with the old cookie put back), starts no second session.
    const good = new Agent();
    const goodCallback = await signInAtProvider(good, 'northshire', 'sub-alice');
    const goodKey = good.cookie(base, 'g2g_sso')!;
    assert.equal((await good.get(goodCallback)).status, 303);
    const thief = new Agent();
    thief.setCookie(base, 'g2g_sso', goodKey);
    const stolen = await thief.get(goodCallback);
    assert.equal(stolen.status, 400);
    assert.equal(thief.cookie(base, 'g2g_session'), undefined);

    const failures = (await audits('sign-in-failed')).filter(
      (a) => (a.detail as { reason?: string }).reason !== 'not-invited',
    );
    assert.ok(failures.length >= 3, 'each refusal is audited');
    assert.ok(failures.every((a) => a.organisationId === northshire));
  });

  test('a refusal by the provider (cancelled at its sign-in page) is explained and audited', async () => {
    const agent = new Agent();
    const start = await agent.get(`${base}/sign-in/northshire/sso?returnTo=%2Fplans`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const back = await agent.get(
      `${base}/sign-in/northshire/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`,
    );
    assert.equal(back.status, 400);
    assert.match(await back.text(), /Northshire Council’s sign-in service did not sign you in/);
    assert.equal(agent.cookie(base, 'g2g_session'), undefined);
    const [refused] = await audits('sign-in-failed');
    assert.match(String((refused?.detail as { reason?: string }).reason), /access_denied/);
  });

  test('a council without single sign-on on, or no such council, is a 404', async () => {
    for (const path of [
      '/sign-in/southshire/sso',
      '/sign-in/southshire/sso/callback?code=x&state=y',
      '/sign-in/eastshire/sso',
      '/sign-in/no-such-council/sso',
      '/sign-in/no-such-council/sso/callback',
    ]) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      assert.equal(response.status, 404, path);
    }
  });
});

describe('which e-mail address counts as verified', () => {
  const entra = 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0';
  test('email with email_verified true, from any provider', () => {
    assert.equal(
      verifiedEmail({ email: 'A@X.gov.uk', email_verified: true }, issuer || 'https://idp.example'),
      'a@x.gov.uk',
    );
    assert.equal(verifiedEmail({ email: 'a@x.gov.uk' }, 'https://idp.example'), null);
    assert.equal(verifiedEmail({ preferred_username: 'a@x.gov.uk' }, 'https://idp.example'), null);
  });
  test('Entra ID: preferred_username or upn when an e-mail address, email only with xms_edov', () => {
    assert.equal(verifiedEmail({ preferred_username: 'a@x.gov.uk' }, entra), 'a@x.gov.uk');
    assert.equal(
      verifiedEmail({ upn: 'b@x.gov.uk', preferred_username: 'not-an-email' }, entra),
      'b@x.gov.uk',
    );
    assert.equal(
      verifiedEmail(
        { email: 'c@x.gov.uk', xms_edov: true, preferred_username: 'd@x.gov.uk' },
        entra,
      ),
      'c@x.gov.uk',
    );
    assert.equal(
      verifiedEmail({ email: 'c@x.gov.uk', preferred_username: 'd@x.gov.uk' }, entra),
      'd@x.gov.uk',
    );
    assert.equal(verifiedEmail({ email: 'c@x.gov.uk' }, entra), null);
  });
});
