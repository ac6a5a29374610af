import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser-like client over server.inject: keeps cookies, reads CSRF tokens from forms. */
export class WebClient {
  cookies = new Map<string, string>();
  constructor(private readonly server: FastifyInstance) {}

  async get(url: string) {
    return this.keep(
      await this.server.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies) }),
    );
  }

  async post(url: string, form: Record<string, string>) {
    return this.keep(
      await this.server.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        cookies: Object.fromEntries(this.cookies),
      }),
    );
  }

  /** Posts a multipart form as a browser does; a field may hold several files. */
  async upload(
    url: string,
    fields: Record<string, string | Array<{ name: string; bytes: Uint8Array }>>,
  ) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string') form.append(key, value);
      else for (const file of value) form.append(key, new Blob([file.bytes]), file.name);
    }
    const encoded = new Response(form);
    return this.keep(
      await this.server.inject({
        method: 'POST',
        url,
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
        cookies: Object.fromEntries(this.cookies),
      }),
    );
  }

  csrf(html: string) {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token, 'the form carries a CSRF token');
    return token;
  }

  /** Signs in through the real form; fails the test if that does not work. */
  async signIn(email: string, password: string) {
    const form = await this.get('/sign-in');
    const response = await this.post('/sign-in', {
      _csrf: this.csrf(form.body),
      email,
      password,
      returnTo: '/',
    });
    assert.equal(response.statusCode, 303, `signing in as ${email}`);
    return response;
  }

  private keep(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }
}
