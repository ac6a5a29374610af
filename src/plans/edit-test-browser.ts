import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

// A browser-like client for route tests (as in src/web/web.test.ts): keeps cookies, reads
// the CSRF token from the page's forms, posts real urlencoded forms.

export class TestBrowser {
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

  /** Opens the page at `url` and posts `form` with the CSRF token (and add-form token) it carries. */
  async submit(url: string, form: Record<string, string>, postTo = url) {
    const page = await this.get(url);
    assert.equal(page.statusCode, 200, `GET ${url}`);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
    return this.post(postTo, {
      _csrf: this.csrf(page.body),
      ...(token ? { token } : {}),
      ...form,
    });
  }

  csrf(html: string) {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token, 'the page carries a CSRF token');
    return token;
  }

  async signIn(email: string, password: string) {
    const form = await this.get('/sign-in');
    const response = await this.post('/sign-in', {
      _csrf: this.csrf(form.body),
      email,
      password,
      returnTo: '/plans',
    });
    assert.equal(response.statusCode, 303, `sign in as ${email}`);
    return this;
  }

  private keep(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }
}
