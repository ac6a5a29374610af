import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { BoundedCache } from '../lib/bounded-cache.js';
import { takeBanner } from './banner.js';
import { KeptPage, sendKept } from './kept-page.js';

/** At most this many bytes of the page shells kept (each person's page around a body). */
const SHELL_BYTES = 8 * 1024 * 1024;
/** At most this many bytes of whole pages kept as they are sent (with compressed copies). */
const PAGE_BYTES = 48 * 1024 * 1024;
const HTML = 'text/html; charset=utf-8';

/**
 * reply.render, reply.renderKept and reply.renderAround: every page through the layout, with
 * no inline script, sent as bytes; the kept ones are sent again from memory.
 */
export function registerRendering(server: FastifyInstance, views: nunjucks.Environment): void {
  server.decorateReply(
    'render',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const html = views.render(template, pageValues(this.request, this, context));
      return this.type(HTML).send(Buffer.from(withoutInlineScript(html), 'utf8'));
    },
  );
  // Whole pages, keyed by what they were made from (an object kept elsewhere, by identity)
  // and by everything else that reaches the template.
  const pages = new BoundedCache<string, KeptPage>(PAGE_BYTES, (page) => page.size);
  const ids = new WeakMap<object, number>();
  let lastId = 0;
  const idOf = (made: object) => {
    let id = ids.get(made);
    if (id === undefined) ids.set(made, (id = ++lastId));
    return id;
  };
  const sendFrom = (
    reply: FastifyReply,
    key: string | null,
    make: () => string,
    fresh: Record<string, string> = {},
  ) => {
    let page = key === null ? undefined : pages.get(key);
    if (!page) {
      page = new KeptPage(make(), key === null ? {} : holesOf(fresh));
      if (key !== null) pages.set(key, page);
    }
    const size = page.size;
    const sent = sendKept(reply, page, fresh);
    // A compressed copy made just now counts towards the bound.
    if (key !== null && page.size !== size) pages.resize(key);
    return sent;
  };
  server.decorateReply(
    'renderKept',
    function (
      this: FastifyReply,
      template: string,
      context: Record<string, unknown>,
      madeFrom: object,
      fresh: Record<string, string> = {},
    ) {
      const values = pageValues(this.request, this, context);
      const user = this.request.signedIn?.user;
      // A page with a banner ("saved") is shown once: it is not kept. Fresh values are
      // letters, digits, - and _ (nothing to escape), else the page is not kept either.
      const keep = !values.banner && Object.values(fresh).every((value) => /^[\w-]*$/.test(value));
      const key = keep
        ? JSON.stringify([
            idOf(madeFrom),
            template,
            user?.id,
            user?.name,
            values.sessionCsrf,
            Object.entries(context).filter(([, value]) => value !== madeFrom),
          ])
        : null;
      return sendFrom(
        this,
        key,
        () =>
          withoutInlineScript(
            views.render(template, { ...values, ...(keep ? marksOf(fresh) : fresh) }),
          ),
        fresh,
      );
    },
  );
  const shells = new BoundedCache<string, [string, string]>(
    SHELL_BYTES,
    ([before, after]) => 2 * (before.length + after.length),
  );
  const BODY_MARK = `<!--body-${randomBytes(12).toString('hex')}-->`;
  server.decorateReply(
    'renderAround',
    function (
      this: FastifyReply,
      template: string,
      context: Record<string, unknown>,
      made: { body: string },
    ) {
      const values = pageValues(this.request, this, context);
      const user = this.request.signedIn?.user;
      const key = JSON.stringify([
        template,
        user?.id,
        user?.name,
        values.sessionCsrf,
        values.banner,
        context,
      ]);
      let shell = shells.get(key);
      if (!shell) {
        const html = withoutInlineScript(views.render(template, { ...values, body: BODY_MARK }));
        const at = html.indexOf(BODY_MARK);
        shell = [html.slice(0, at), html.slice(at + BODY_MARK.length)];
        shells.set(key, shell);
      }
      const [before, after] = shell;
      return sendFrom(
        this,
        values.banner ? null : `${idOf(made)}${key}`,
        () => before + made.body + after,
      );
    },
  );
}

/** Where each fresh value goes in a kept page: a mark no template writes. */
const FRESH_MARK = `fresh${randomBytes(12).toString('hex')}`;
const marksOf = (fresh: Record<string, string>) =>
  Object.fromEntries(Object.keys(fresh).map((name, i) => [name, `${FRESH_MARK}${i}x`]));
const holesOf = (fresh: Record<string, string>) =>
  Object.fromEntries(Object.keys(fresh).map((name, i) => [`${FRESH_MARK}${i}x`, name]));

/**
 * GOV.UK Frontend's page template writes one inline script (it marks the page as having
 * JavaScript). Our policy allows no inline script at all, so the same line is served as a
 * file, loaded at the same point of the page.
 */
const GOVUK_INLINE_SCRIPT = /<script>document\.body\.className \+= ' js-enabled'[^<]*<\/script>/;
function withoutInlineScript(html: string): string {
  return html.replace(
    GOVUK_INLINE_SCRIPT,
    '<script src="/javascripts/app/js-enabled.js"></script>',
  );
}

/** What every page's layout shows of the person: their name, and the token of the sign-out form. */
function pageValues(
  request: FastifyRequest,
  reply: FastifyReply,
  context: Record<string, unknown>,
) {
  return {
    user: request.signedIn?.user ?? null,
    sessionCsrf: request.signedIn?.session.csrfToken ?? '',
    // After a save, the page it led back to says so (web/banner.ts).
    banner: takeBanner(request, reply),
    ...context,
  };
}
