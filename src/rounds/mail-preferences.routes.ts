import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, readForm } from '../web/forms.js';
import { actorOf } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { PREFERENCES_PATH } from './round-mail.messages.js';

// A signed-in person's e-mail preferences: whether they want the update rounds' digests,
// reminders and the weekly digest of their actions. Every such e-mail links here.

const MESSAGES = {
  digests: 'Select yes if you want e-mails about your actions and update rounds',
};

const preferencesForm = z.object({
  digests: z.enum(['yes', 'no'], { error: MESSAGES.digests }),
});

export function registerMailPreferenceRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const config = { config: { policy: 'signed-in' as const } };

  server.get(PREFERENCES_PATH, config, async (request, reply) => {
    const actor = actorOf(request);
    const wanted = await app.transaction((trx) =>
      app.services.roundMail.digestsWanted(trx, actor.userId),
    );
    return render(request, reply, wanted ? 'yes' : 'no');
  });

  server.post(PREFERENCES_PATH, config, async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request, ['digests']);
    const read = readForm(preferencesForm, values);
    if (!read.ok) return render(request, reply, values.digests ?? null, read.issues);
    await app.transaction((trx) =>
      app.services.roundMail.setDigestsWanted(trx, actor.userId, read.value.digests === 'yes'),
    );
    return redirectSaved(reply, PREFERENCES_PATH, 'mail-preferences');
  });

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    chosen: string | null,
    issues: FormIssue[] = [],
  ) {
    const errors = formErrors(issues, { digests: 'digests' });
    return reply.code(issues.length ? 400 : 200).render('mail-preferences.njk', {
      title: 'Your e-mail preferences',
      csrfToken: request.signedIn?.session.csrfToken,
      ...errors,
      digests: {
        name: 'digests',
        idPrefix: 'digests',
        fieldset: {
          legend: {
            text: 'Do you want e-mails about your actions and update rounds?',
            classes: 'govuk-fieldset__legend--m',
          },
        },
        hint: {
          text: 'These are the list of your actions when an update round opens, a reminder before its deadline, and a weekly list of your actions falling due or overdue.',
        },
        items: [
          { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
          {
            value: 'no',
            text: 'No, stop these e-mails',
            checked: chosen === 'no',
            hint: {
              text: 'You can still give your updates on the service. E-mails about your account, such as password resets, still come.',
            },
          },
        ],
        errorMessage: errors.fieldErrors.digests,
      },
    });
  }
}
