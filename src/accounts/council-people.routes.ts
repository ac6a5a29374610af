import { formatDateTime } from '../lib/format.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { policy } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { ConfigError, NotFoundError } from '../lib/errors.js';
import { actorOf, enforce } from '../web/guard.js';
import type { RouteContext } from '../web/route-context.js';
import { type FormIssue, formErrors, formValues, personalDataIssues } from '../web/forms.js';
import { endOfDay, lines, refusalOf } from './user-admin.forms.js';
import { roleConflict } from './role-conflict.js';
import { EditConflict } from '../plans/content/edit-version.js';
import { userAdminServices } from './user-admin.services.js';
import {
  councilsView,
  DONE_MESSAGES,
  inviteFormView,
  peopleView,
  personView,
} from './council-people.view-model.js';

/** A form refused before any service saw it (the personal-data guard), with its issues. */
class RefusedHere extends Error {
  constructor(readonly issues: FormIssue[]) {
    super('refused by the form');
  }
}

/** A council's people, for its administrators: invite, change role, deactivate, reactivate. */
export function registerCouncilPeopleRoutes(server: FastifyInstance, { app }: RouteContext): void {
  const services = userAdminServices(app);

  /** The council named in the URL, if this person may manage it (404 or 403 otherwise). */
  async function manage(trx: Db, request: FastifyRequest) {
    const actor = actorOf(request);
    const { slug } = request.params as { slug: string };
    const council = await app.services.access.councilBySlug(trx, slug).catch(() => null);
    if (!council) throw new NotFoundError('There is no such council');
    enforce(policy.manageCouncil(actor, council.id), 'council');
    const by = { userId: actor.userId, at: app.clock.now() };
    return { actor, council, by, base: `/councils/${council.slug}/people` };
  }

  server.get('/councils', { config: { policy: 'signed-in' } }, async (request, reply) => {
    const actor = actorOf(request);
    const rows = await app.transaction((trx) =>
      services.people.councilsOf(trx, actor.userId, app.clock.now()),
    );
    return reply.render('councils.njk', {
      title: 'Your councils',
      nav: 'councils',
      councils: councilsView(rows, (id) => policy.manageCouncil(actor, id) === 'allow'),
    });
  });

  server.get(
    '/councils/:slug/people',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const { council, people } = await app.transaction(async (trx) => {
        const { council } = await manage(trx, request);
        return { council, people: await services.people.people(trx, council.id) };
      });
      const query = request.query as Record<string, unknown>;
      return reply.render('people.njk', {
        title: `People: ${council.name}`,
        nav: 'councils',
        ...peopleView(council, people, app.clock.now()),
        done: typeof query.done === 'string' ? DONE_MESSAGES[query.done] : undefined,
        mailNote:
          query.done === 'invited' && app.mailer.mode === 'log'
            ? 'Email is not set up on this server (SMTP_URL), so the invitation link was printed in the server’s log instead.'
            : undefined,
      });
    },
  );

  server.get(
    '/councils/:slug/people/invite',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const { council, plans } = await app.transaction(async (trx) => {
        const { council } = await manage(trx, request);
        return { council, plans: await services.people.plans(trx, council.id) };
      });
      return reply.render('invite.njk', inviteFormView(council, plans, {}));
    },
  );

  server.post(
    '/councils/:slug/people/invite',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const values = formValues(request);
      // The name and lead titles are typed text: refused if they hold a child's details.
      const guarded = personalDataIssues({ name: values.name, leadNames: values.leadNames });
      if (guarded.length) {
        const { council, plans } = await app.transaction(async (trx) => {
          const { council } = await manage(trx, request);
          return { council, plans: await services.people.plans(trx, council.id) };
        });
        return reply.code(400).render('invite.njk', {
          ...inviteFormView(council, plans, values),
          ...formErrors(guarded),
        });
      }
      const expires = endOfDay(
        values['expires-day'],
        values['expires-month'],
        values['expires-year'],
      );
      try {
        const { base } = await app.transaction(async (trx) => {
          const { actor, council, base } = await manage(trx, request);
          await services.invitations.invite(
            trx,
            { userId: actor.userId, name: actor.name },
            council,
            {
              email: values.email ?? '',
              name: values.name ?? '',
              role: values.role ?? '',
              planId: values.planId || null,
              expiresAt: expires === 'invalid' ? 'invalid' : expires,
              leadNames: values.role === 'action-lead' ? lines(values.leadNames) : [],
            },
            app.clock.now(),
          );
          return { base };
        });
        return reply.redirect(`${base}?done=invited`, 303);
      } catch (error) {
        const shown =
          error instanceof ConfigError
            ? formErrors([{ field: 'email', text: error.message }])
            : refusalOf(
                error,
                {
                  email: 'email',
                  name: 'name',
                  role: 'role',
                  planId: 'planId',
                  expiresAt: 'expires',
                },
                'email',
              );
        if (!shown) throw error;
        const { council, plans } = await app.transaction(async (trx) => {
          const { council } = await manage(trx, request);
          return { council, plans: await services.people.plans(trx, council.id) };
        });
        return reply
          .code(400)
          .render('invite.njk', { ...inviteFormView(council, plans, values), ...shown });
      }
    },
  );

  server.get(
    '/councils/:slug/people/change',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const person = (request.query as Record<string, unknown>).person;
      const now = app.clock.now();
      const { council, member, lock } = await app.transaction(async (trx) => {
        const { council } = await manage(trx, request);
        const people = await services.people.people(trx, council.id);
        const member = people.members.find((m) => m.userId === person);
        const lock = member
          ? await services.people.signInLock(trx, council, member.userId, now)
          : null;
        return { council, member, lock };
      });
      if (!member) return reply.redirect(`/councils/${council.slug}/people`, 303);
      return reply.render('person.njk', {
        ...personView(council, member, {}, now),
        lock:
          lock && lock.failures > 0
            ? {
                failures: lock.failures,
                until: lock.until ? formatDateTime(lock.until) : null,
                action: `/councils/${council.slug}/people/unlock`,
              }
            : null,
      });
    },
  );

  server.post(
    '/councils/:slug/people/unlock',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const person = formValues(request).person ?? '';
      const { base, found } = await app.transaction(async (trx) => {
        const { council, by, base } = await manage(trx, request);
        const found = await services.people
          .unlockSignIn(trx, by, council, person)
          .then(() => true)
          .catch((error: unknown) => {
            if (error instanceof NotFoundError) return false;
            throw error;
          });
        return { base, found };
      });
      // A person no longer in the council (removed meanwhile): back to the list of people.
      return reply.redirect(found ? `${base}?done=unlocked` : base, 303);
    },
  );

  server.post(
    '/councils/:slug/people/role',
    { config: { policy: 'manageCouncil' } },
    async (request, reply) => {
      const values = formValues(request);
      const person = values.person ?? '';
      // The lead titles are typed text: refused if they hold a child's details.
      const guarded = personalDataIssues({ leadNames: values.leadNames });
      try {
        if (guarded.length) throw new RefusedHere(guarded);
        const base = await app.transaction(async (trx) => {
          const { council, by, base } = await manage(trx, request);
          await services.people.changeRole(
            trx,
            by,
            council,
            person,
            {
              role: values.role ?? '',
              leadNames: values.role === 'action-lead' ? lines(values.leadNames) : [],
            },
            values.version ? { version: values.version } : {},
          );
          return base;
        });
        return reply.redirect(`${base}?done=role-changed`, 303);
      } catch (error) {
        const stale = error instanceof EditConflict ? roleConflict(error, values) : null;
        const shown = stale
          ? {}
          : error instanceof RefusedHere
            ? formErrors(error.issues)
            : refusalOf(error, { role: 'role', leadNames: 'leadNames' }, 'role');
        if (!shown) throw error;
        const { council, people } = await app.transaction(async (trx) => {
          const { council } = await manage(trx, request);
          return { council, people: await services.people.people(trx, council.id) };
        });
        const member = people.members.find((m) => m.userId === person);
        if (!member) return reply.redirect(`/councils/${council.slug}/people`, 303);
        return reply.code(stale ? 409 : 400).render('person.njk', {
          ...personView(council, member, stale?.values ?? values, app.clock.now()),
          conflict: stale?.rows ?? null,
          ...shown,
        });
      }
    },
  );

  for (const change of ['deactivate', 'reactivate'] as const) {
    server.post(
      `/councils/:slug/people/${change}`,
      { config: { policy: 'manageCouncil' } },
      async (request, reply) => {
        const person = formValues(request).person ?? '';
        try {
          const base = await app.transaction(async (trx) => {
            const { council, by, base } = await manage(trx, request);
            await services.people[change](trx, by, council, person);
            return base;
          });
          return reply.redirect(`${base}?done=${change}d`, 303);
        } catch (error) {
          const shown = refusalOf(error, {}, 'person');
          if (!shown && !(error instanceof NotFoundError)) throw error;
          const { council, people } = await app.transaction(async (trx) => {
            const { council } = await manage(trx, request);
            return { council, people: await services.people.people(trx, council.id) };
          });
          const message = error instanceof Error ? error.message : 'Try again';
          return reply.code(400).render('people.njk', {
            title: `People: ${council.name}`,
            nav: 'councils',
            ...peopleView(council, people, app.clock.now()),
            errors: formErrors([{ field: 'people', text: message }]).errors,
          });
        }
      },
    );
  }
}
