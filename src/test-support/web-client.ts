import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

const ENTITIES: Record<string, string> = { quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' };

/** Where requests seem to come from; sign-in and reset throttles count by address. */
export interface WebClientOptions {
  remoteAddress?: string;
}

/** A browser-like client over server.inject: keeps cookies, reads CSRF tokens from forms. */
export class WebClient {
  cookies = new Map<string, string>();
  private readonly remoteAddress: string | undefined;
  constructor(
    private readonly server: FastifyInstance,
    options: WebClientOptions = {},
  ) {
    this.remoteAddress = options.remoteAddress;
  }

  async get(url: string) {
    return this.keep(
      await this.server.inject({
        method: 'GET',
        url,
        remoteAddress: this.remoteAddress,
        cookies: Object.fromEntries(this.cookies),
      }),
    );
  }

  /** Posts a form; a field given a list is sent once per value (checkboxes). */
  async post(url: string, form: Record<string, string | string[]>) {
    return this.keep(
      await this.server.inject({
        method: 'POST',
        url,
        remoteAddress: this.remoteAddress,
        payload: new URLSearchParams(
          Object.entries(form).flatMap(([k, v]) =>
            Array.isArray(v)
              ? v.map((one): [string, string] => [k, one])
              : [[k, v] as [string, string]],
          ),
        ).toString(),
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
        remoteAddress: this.remoteAddress,
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
        cookies: Object.fromEntries(this.cookies),
      }),
    );
  }

  /**
   * Opens the form at `url` (it must answer 200) and posts `form` to `postTo`, with the
   * page's CSRF token and, where the form carries one, its once-only `token`.
   */
  async submit(url: string, form: Record<string, string | string[]>, postTo = url) {
    const page = await this.get(url);
    assert.equal(page.statusCode, 200, `GET ${url}`);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
    return this.post(postTo, { _csrf: this.csrf(page.body), ...(token ? { token } : {}), ...form });
  }

  /** The value of the form field `name` in `html`, as a browser would send it (entities decoded). */
  field(html: string, name: string): string {
    const escaped = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
    assert.ok(escaped !== undefined, `the form has a field named ${name}`);
    return escaped.replace(
      /&(quot|#39|lt|gt|amp);/g,
      (_entity, code: string) => ENTITIES[code] ?? '',
    );
  }

  csrf(html: string) {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token, 'the form carries a CSRF token');
    return token;
  }

  /** Signs in through the real form; fails the test if that does not work. Returns this client. */
  async signIn(email: string, password: string): Promise<this> {
    const form = await this.get('/sign-in');
    const response = await this.post('/sign-in', {
      _csrf: this.csrf(form.body),
      email,
      password,
      returnTo: '/',
    });
    assert.equal(response.statusCode, 303, `signing in as ${email}`);
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
