// Which claims of an OpenID Connect identity give a person's e-mail address we can trust.

const ENTRA_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isEntra = (issuer: string) => ENTRA_HOSTS.has(new URL(issuer).hostname);
const asEmail = (value: unknown) =>
  typeof value === 'string' && EMAIL.test(value.trim()) ? value.trim().toLowerCase() : null;

/** The e-mail claims of a UserInfo response (they complete an ID token that lacks them). */
export function emailClaims(userInfo: Record<string, unknown>): Record<string, unknown> {
  const keys = ['email', 'email_verified', 'preferred_username', 'upn', 'xms_edov'];
  return Object.fromEntries(keys.filter((k) => k in userInfo).map((k) => [k, userInfo[k]]));
}

/**
 * The verified e-mail address in an ID token's claims, or null. `email` counts when the
 * provider says it is verified (`email_verified`, or Entra ID's `xms_edov`); with Entra ID,
 * whose tokens carry no `email_verified`, the tenant-controlled `preferred_username` or
 * `upn` counts when it is an e-mail address.
 */
export function verifiedEmail(claims: Record<string, unknown>, issuer: string): string | null {
  if (claims.email_verified === true) {
    const email = asEmail(claims.email);
    if (email) return email;
  }
  if (!isEntra(issuer)) return null;
  return (
    (claims.xms_edov === true ? asEmail(claims.email) : null) ??
    asEmail(claims.preferred_username) ??
    asEmail(claims.upn)
  );
}
