import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { takeBanner } from './banner.js';

/** reply.render and reply.renderAround: every page through the layout, with no inline script. */
export function registerRendering(server: FastifyInstance, views: nunjucks.Environment): void {
  server.decorateReply(
    'render',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const html = views.render(template, pageValues(this.request, this, context));
      return this.type('text/html; charset=utf-8').send(withoutInlineScript(html));
    },
  );
  const shells = new Map<string, [string, string]>();
  const BODY_MARK = `<!--body-${randomBytes(12).toString('hex')}-->`;
  server.decorateReply(
    'renderAround',
    function (
      this: FastifyReply,
      template: string,
      context: Record<string, unknown>,
      body: string,
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
        if (shells.size > 5000) {
          const oldest = shells.keys().next().value;
          if (oldest !== undefined) shells.delete(oldest);
        }
      }
      return this.type('text/html; charset=utf-8').send(shell[0] + body + shell[1]);
    },
  );
}

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
