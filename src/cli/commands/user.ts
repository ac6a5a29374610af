import type { Command } from 'commander';
import { ROLES } from '../../access/policy.js';
import { checkPassword } from '../../accounts/password-policy.js';
import { userAdminServices } from '../../accounts/user-admin.services.js';
import type { AppContext } from '../../composition.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../lib/errors.js';
import { type CliIo, cliActor, withApp } from '../io.js';
import { dateOption } from '../usage.js';

const SERVER_ONLY =
  'For administrators working on the server: these commands act on the database directly, without a sign-in, and are recorded in the access log.';

/** A CliIo may bring its own standard input (tests); otherwise the process's is read. */
export type CliIoWithStdin = CliIo & { stdin?: () => Promise<string> };

async function readStdin(io: CliIoWithStdin): Promise<string> {
  if (io.stdin) return io.stdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** End of the given day (UTC) for --until: the last day of an adviser's access. */
function until(value: string | undefined): string | null {
  if (value === undefined) return null;
  return `${dateOption('--until', value)}T23:59:59.000Z`;
}

/** The options that set the services' fields, to name them when a value is refused. */
const OPTIONS = {
  email: '--email',
  name: '--name',
  role: '--role',
  planId: '--plan',
  expiresAt: '--until',
  leadNames: '--lead-name',
};

async function councilOf(app: AppContext, trx: Db, slug: string) {
  return app.services.access.councilBySlug(trx, slug);
}

/** `g2g user add|list|set-role|deactivate|reactivate`: people and their roles. */
export function registerUserCommands(program: Command, io: CliIoWithStdin): void {
  const user = program
    .command('user')
    .description('people and their roles in councils')
    .addHelpText('after', `\n${SERVER_ONLY}`);

  user
    .command('add')
    .description(
      'give a person a role in a council, adding them if new; without --password-stdin they are sent an invitation link (printed here too)',
    )
    .requiredOption('--email <email>', 'their email address (they sign in with it)')
    .requiredOption('--name <name>', 'their full name')
    .requiredOption('--council <slug>', "the council's short name (g2g council list)")
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read their password from standard input instead of inviting them')
    .option('--plan <id>', 'for an adviser: the plan they may see')
    .option('--until <date>', 'for an adviser: the last day of their access (YYYY-MM-DD)')
    .option(
      '--lead-name <name>',
      'for an action lead: a name or role title they answer for (repeatable)',
      collect,
      [],
    )
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action(
      async (options: {
        email: string;
        name: string;
        council: string;
        role: string;
        passwordStdin?: boolean;
        plan?: string;
        until?: string;
        leadName: string[];
      }) => {
        const expiresAt = until(options.until);
        const password = options.passwordStdin ? (await readStdin(io)).replace(/\r?\n$/, '') : null;
        await withApp(
          io,
          async (app) => {
            const services = userAdminServices(app);
            const grant = {
              role: options.role,
              planId: options.plan ?? null,
              expiresAt,
              leadNames: options.leadName,
            };
            const now = app.clock.now();
            if (expiresAt !== null && expiresAt <= now) {
              throw new AppError(
                `--until ${options.until} is in the past: the last day of an adviser’s access must be today or later`,
              );
            }
            const result = await app.transaction(async (trx) => {
              const council = await councilOf(app, trx, options.council);
              if (password !== null) {
                checkPassword(password, { email: options.email });
                const added = await app.services.accounts.addUser(trx, {
                  email: options.email,
                  name: options.name,
                  password,
                });
                await app.services.access.grant(
                  trx,
                  { userId: null, at: now },
                  added.id,
                  council.id,
                  grant,
                );
                await app.services.access.audit(trx, now, {
                  kind: 'user-added',
                  email: added.email,
                  organisationId: council.id,
                  detail: { subject: added.id, role: options.role, by: cliActor(io) },
                });
                return { council, link: null, mailed: false, email: added.email };
              }
              const invited = await services.invitations.invite(
                trx,
                { userId: null, name: `An administrator of ${council.name}` },
                council,
                { email: options.email, name: options.name, ...grant },
                now,
                { send: app.mailer.mode === 'smtp' },
              );
              return {
                council,
                link: invited.link,
                mailed: invited.mailed,
                email: invited.user.email,
              };
            });
            io.out(`${result.email} is now ${options.role} in ${result.council.name}`);
            if (result.link) {
              io.out(
                result.mailed
                  ? `Invitation emailed to ${result.email}. The link (works once, for 7 days):`
                  : 'Email is not set up (SMTP_URL), so nothing was sent: give them this link (works once, for 7 days):',
              );
              io.out(result.link);
            } else if (password === null) {
              io.out(
                result.mailed
                  ? 'They already have a password; we emailed them that they have a new role.'
                  : 'They already have a password: they can sign in now.',
              );
            }
          },
          OPTIONS,
        );
      },
    );

  user
    .command('list')
    .description('everyone, with their councils and roles')
    .option('--council <slug>', 'only the people of this council')
    .option(
      '--json',
      'print JSON: [{ "email", "name", "active", "invited", "roles": [{ "council", "role", "planId", "expiresAt" }] }]',
    )
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action((options: { council?: string; json?: boolean }) =>
      withApp(io, async (app) => {
        const rows = await app.transaction(async (trx) => {
          const council = options.council ? await councilOf(app, trx, options.council) : null;
          return userAdminServices(app).people.usersWithRoles(trx, council?.id ?? null);
        });
        const people = new Map<
          string,
          {
            email: string;
            name: string;
            active: boolean;
            invited: boolean;
            roles: Array<{
              council: string;
              role: string;
              planId: string | null;
              expiresAt: string | null;
            }>;
          }
        >();
        for (const r of rows) {
          const person = people.get(r.id) ?? {
            email: r.email,
            name: r.name,
            active: r.active,
            invited: r.passwordHash === null,
            roles: [],
          };
          if (r.slug && r.role)
            person.roles.push({
              council: r.slug,
              role: r.role,
              planId: r.planId,
              expiresAt: r.expiresAt,
            });
          people.set(r.id, person);
        }
        if (options.json) return io.out(JSON.stringify([...people.values()]));
        if (people.size === 0)
          io.out(
            'No users yet. Add one with: g2g user add --email E --name N --council S --role R',
          );
        for (const p of people.values()) {
          const status = !p.active ? ' [deactivated]' : p.invited ? ' [invited]' : '';
          const roles = p.roles
            .map((r) => `${r.council}:${r.role}${r.planId ? ` (plan ${r.planId})` : ''}`)
            .join(', ');
          io.out(`${p.email}  ${p.name}${status}  ${roles || 'no roles'}`);
        }
      }),
    );

  user
    .command('set-role <email>')
    .description("replace a member's council-wide role")
    .requiredOption('--council <slug>', "the council's short name")
    .requiredOption('--role <role>', 'one of administrator, plan-manager, action-lead, viewer')
    .option(
      '--lead-name <name>',
      'for an action lead: a name or role title they answer for (repeatable)',
      collect,
      [],
    )
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action((email: string, options: { council: string; role: string; leadName: string[] }) =>
      withApp(
        io,
        async (app) => {
          const done = await app.transaction(async (trx) => {
            const council = await councilOf(app, trx, options.council);
            const person = await app.services.accounts.findUserByEmail(trx, email);
            await userAdminServices(app).people.changeRole(
              trx,
              { userId: null, at: app.clock.now() },
              council,
              person?.id ?? '',
              {
                role: options.role,
                leadNames: options.leadName,
              },
            );
            return council;
          });
          io.out(`${email} is now ${options.role} in ${done.name}`);
        },
        OPTIONS,
      ),
    );

  for (const [name, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    user
      .command(`${name} <email>`)
      .description(
        active
          ? 'turn a deactivated account back on, on the whole server (their roles are as they were)'
          : 'turn an account off on the whole server: no sign-in, every session and emailed link ended (roles are kept)',
      )
      .addHelpText('after', `\n${SERVER_ONLY}`)
      .action((email: string) =>
        withApp(io, async (app) => {
          const person = await app.transaction((trx) =>
            userAdminServices(app).people.setActiveOnServer(
              trx,
              { userId: null, at: app.clock.now(), label: cliActor(io) },
              email,
              active,
            ),
          );
          io.out(`${person.email} is ${active ? 'active again' : 'deactivated on this server'}`);
        }),
      );
  }
}
