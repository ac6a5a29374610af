import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { z } from 'zod';
import type { AccessService } from '../access/access.service.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../lib/errors.js';
import { validate } from '../lib/validate.js';
import type { AccountService } from './account.service.js';
import { emailClaims, verifiedEmail } from './oidc.claims.js';
import { type CouncilSso, OidcRepository } from './oidc.repository.js';

/** How long a person has to finish signing in at their council's provider. */
export const SSO_MINUTES = 10;
/** How long a provider's discovered metadata is reused before it is fetched again. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** The claims asked for: the subject, the e-mail address and the name. */
export const SSO_SCOPES = 'openid email profile';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const configSchema = z.strictObject({
  issuer: z
    .url(
      'must be the provider’s issuer address, like https://login.microsoftonline.com/<tenant-id>/v2.0',
    )
    .refine((value) => {
      if (!URL.canParse(value)) return true; // reported by .url() above
      const url = new URL(value);
      return (
        url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))
      );
    }, 'must start with https:// (plain http is only allowed for a provider on this machine)'),
  clientId: z.string().trim().min(1, 'is required').max(500),
  clientSecret: z.string().trim().min(1, 'is required').max(2000),
});

/** What the provider said about the person, as far as the mapping needs it. */
export type SsoClaims = Record<string, unknown> & { sub: string };

export type SsoOutcome =
  | { outcome: 'signed-in'; token: string; userId: string; returnTo: string }
  | { outcome: 'not-invited'; email: string | null };

/** Where a council's provider sends people back: PUBLIC_URL + /sign-in/<slug>/sso/callback. */
export function ssoRedirectUri(publicUrl: string, slug: string): string {
  return `${publicUrl}/sign-in/${encodeURIComponent(slug)}/sso/callback`;
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Single sign-on through a council's OpenID Connect provider (authorization code flow with
 * PKCE, state and nonce). Signing in never creates people or roles: a first sign-in links the
 * provider's subject to an invited person of that council with the same verified e-mail.
 */
export class OidcService {
  private readonly discovered = new Map<
    string,
    { at: number; config: Promise<client.Configuration> }
  >();

  constructor(
    private readonly repository: OidcRepository,
    private readonly accounts: AccountService,
    private readonly access: AccessService,
  ) {}

  /** Councils whose people can sign in with their council account, by name. */
  councils(trx: Db): Promise<Array<{ slug: string; name: string }>> {
    return this.repository.enabledCouncils(trx);
  }

  /** A council's provider settings if single sign-on is on for it, else null. */
  async enabledFor(trx: Db, slug: string): Promise<CouncilSso | null> {
    const council = await this.repository.findCouncilSso(trx, slug);
    return council?.enabled ? council : null;
  }

  /** Sets (or replaces) a council's provider and turns single sign-on on. */
  async configure(trx: Db, by: { actor: string; at: string }, slug: string, input: unknown) {
    const value = validate(configSchema, input, 'single sign-on');
    const council = await this.access.councilBySlug(trx, slug);
    // Kept exactly as given: discovery checks it against the provider's own issuer value.
    const issuer = value.issuer;
    await this.repository.saveConfig(trx, {
      organisationId: council.id,
      issuer,
      clientId: value.clientId,
      clientSecret: value.clientSecret,
      enabled: true,
    });
    await this.access.audit(trx, by.at, {
      kind: 'sso-configured',
      organisationId: council.id,
      detail: { by: by.actor, issuer, clientId: value.clientId },
    });
    return { council, issuer };
  }

  /** Turns single sign-on off for a council (settings and linked identities are kept). */
  async disable(trx: Db, by: { actor: string; at: string }, slug: string): Promise<void> {
    const council = await this.access.councilBySlug(trx, slug);
    if (!(await this.repository.disable(trx, council.id))) {
      throw new NotFoundError(`The council ${slug} has no single sign-on set up`);
    }
    await this.access.audit(trx, by.at, {
      kind: 'sso-disabled',
      organisationId: council.id,
      detail: { by: by.actor },
    });
  }

  /**
   * Step 1 (no transaction: it may fetch the provider's metadata): the address to send the
   * person to, and the checks the callback must make.
   */
  async authorizationRequest(council: CouncilSso, redirectUri: string) {
    const config = await this.configuration(council);
    const checks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SSO_SCOPES,
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, checks };
  }

  /** Step 2: keeps the checks for the callback; returns the browser's key to them (its cookie). */
  async keepSignIn(
    trx: Db,
    council: CouncilSso,
    checks: { state: string; nonce: string; codeVerifier: string },
    returnTo: string,
    now: string,
  ): Promise<string> {
    const key = randomBytes(32).toString('base64url');
    await this.repository.insertSignIn(
      trx,
      {
        id: keyHash(key),
        organisationId: council.organisationId,
        ...checks,
        returnTo,
        expiresAt: new Date(Date.parse(now) + SSO_MINUTES * 60_000).toISOString(),
      },
      now,
    );
    return key;
  }

  /** Step 3: the checks kept for this browser, removed as they are read (one use only). */
  async takeSignIn(trx: Db, council: CouncilSso, key: string | undefined, now: string) {
    if (!key) return null;
    const row = await this.repository.takeSignIn(trx, keyHash(key));
    return row && row.organisationId === council.organisationId && row.expiresAt > now ? row : null;
  }

  /**
   * Step 4 (no transaction: it calls the provider): exchanges the code in the callback
   * address for tokens, checking state, nonce and PKCE, and returns the ID token's claims.
   */
  async exchange(
    council: CouncilSso,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SsoClaims> {
    const config = await this.configuration(council);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    if (verifiedEmail(claims, council.issuer) || !config.serverMetadata().userinfo_endpoint) {
      return claims;
    }
    // Many providers put the e-mail claims in the UserInfo response rather than the ID token.
    // Its subject must be the ID token's (openid-client checks); the ID token's claims win.
    try {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { ...userInfo, ...claims, ...emailClaims(userInfo) };
    } catch {
      return claims;
    }
  }

  /**
   * Step 5: maps the identity to a person and starts their session, or refuses. Later
   * sign-ins follow the linked subject (a changed e-mail does not matter); a first sign-in
   * needs a verified e-mail matching an active person who holds a role in this council.
   * Both outcomes are audited.
   */
  async signIn(
    trx: Db,
    council: CouncilSso,
    claims: SsoClaims,
    context: { now: string; address: string | null; returnTo: string },
  ): Promise<SsoOutcome> {
    const { now, address } = context;
    const email = verifiedEmail(claims, council.issuer);
    const linkedId = await this.repository.linkedUserId(trx, council.issuer, claims.sub);
    const user = linkedId
      ? await this.repository.findUser(trx, linkedId)
      : email
        ? await this.accounts.findUserByEmail(trx, email)
        : undefined;
    const member =
      user?.active &&
      (await this.access.actor(trx, user, now)).grants.some(
        (g) => g.organisationId === council.organisationId,
      );
    const detail = { method: 'oidc', issuer: council.issuer };
    if (!user || !member) {
      await this.access.audit(trx, now, {
        kind: 'sign-in-failed',
        userId: user?.id ?? null,
        email,
        organisationId: council.organisationId,
        address,
        detail: { ...detail, reason: linkedId ? 'no-longer-a-member' : 'not-invited' },
      });
      return { outcome: 'not-invited', email };
    }
    if (!linkedId) await this.repository.link(trx, council.issuer, claims.sub, user.id);
    const token = await this.accounts.startSession(trx, user.id, now);
    await this.access.audit(trx, now, {
      kind: 'sign-in',
      userId: user.id,
      email: user.email,
      organisationId: council.organisationId,
      address,
      detail: linkedId ? detail : { ...detail, linked: true },
    });
    return { outcome: 'signed-in', token, userId: user.id, returnTo: context.returnTo };
  }

  /** Audits a sign-in that failed before anyone was identified (state, code or provider error). */
  async failed(trx: Db, council: CouncilSso, reason: string, now: string, address: string | null) {
    await this.access.audit(trx, now, {
      kind: 'sign-in-failed',
      organisationId: council.organisationId,
      address,
      detail: { method: 'oidc', issuer: council.issuer, reason },
    });
  }

  /** The provider's discovered metadata with this council's client, reused for an hour. */
  private configuration(council: CouncilSso): Promise<client.Configuration> {
    const key = `${council.issuer}\n${council.clientId}\n${keyHash(council.clientSecret)}`;
    const cached = this.discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const issuer = new URL(council.issuer);
    // Plain http only for a provider on this machine (tests, local development).
    const local = issuer.protocol === 'http:' && LOCAL_HOSTS.has(issuer.hostname);
    const config = client.discovery(
      issuer,
      council.clientId,
      council.clientSecret,
      undefined,
      local ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    config.catch(() => this.discovered.delete(key));
    this.discovered.set(key, { at: Date.now(), config });
    return config;
  }
}
