import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, checkPage, chromiumAvailable, launchChromium } from '../test-support/browser.js';
import { addMember } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from '../web/server.js';

// Single sign-on in the system Chromium: from the sign-in page, through the council's
// provider (oidc-provider's development login and consent pages), back into the service.
// Our own pages are checked with axe-core; the provider's development pages are not ours.

const available = chromiumAvailable();

const people: Record<string, Record<string, unknown>> = {
  'sub-alice': { email: 'alice@northshire.gov.uk', email_verified: true },
  'sub-dave': { email: 'dave@northshire.gov.uk', email_verified: true },
};
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let idp: Server;
let browser: Browser;
let base = '';

before(async () => {
  if (!available) return;
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const council = await app.transaction((trx) =>
    app.services.access.addCouncil(trx, { slug: 'northshire', name: 'Northshire Council' }),
  );
  await addMember(
    app,
    { email: 'alice@northshire.gov.uk', name: 'Alice Adams', password: 'a long enough password' },
    council.id,
    { role: 'viewer' },
  );
  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  app.config.publicUrl = base;

  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'g2g',
        client_secret: 'a client secret long enough to sign with',
        redirect_uris: [`${base}/sign-in/northshire/sso/callback`],
      },
    ],
    findAccount: (_ctx, id) => {
      const claims = people[id];
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true } },
  });
  idp.on('request', provider.callback());
  await app.transaction((trx) =>
    app.services.oidc.configure(trx, { actor: 'test', at: app.clock.now() }, 'northshire', {
      issuer,
      clientId: 'g2g',
      clientSecret: 'a client secret long enough to sign with',
    }),
  );
  browser = await launchChromium();
});

after(async () => {
  if (!available) return;
  await browser.close();
  await server.close();
  await new Promise((resolve) => idp.close(resolve));
  idp.closeAllConnections();
  await app.close();
});

/** From the service's sign-in page to the provider and back, as `subject`. */
async function signInWithCouncilAccount(page: Page, subject: string) {
  await page.goto(`${base}/plans`);
  await checkPage(page, `sso-${subject}-sign-in`);
  await page.getByRole('link', { name: 'Sign in with your council account' }).click();
  await checkPage(page, `sso-${subject}-councils`);
  await page.getByRole('link', { name: 'Northshire Council' }).click();
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe(
  'single sign-on in a browser',
  { timeout: 120_000, skip: available ? false : `${CHROMIUM} is not installed` },
  () => {
    test('an invited person signs in with their council account and comes back to their page', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInWithCouncilAccount(page, 'sub-alice');
      await page.getByRole('button', { name: 'Sign out (Alice Adams)' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/plans');
      await checkPage(page, 'sso-plans');
      await context.close();
    });

    test('someone nobody invited is told to ask their administrator', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInWithCouncilAccount(page, 'sub-dave');
      await page
        .getByRole('heading', { name: 'Ask your council’s administrator to invite you' })
        .waitFor();
      assert.match(await page.content(), /dave@northshire\.gov\.uk/);
      await checkPage(page, 'sso-not-invited');
      await context.close();
    });
  },
);
