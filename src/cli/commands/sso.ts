import type { Command } from 'commander';
import { ValidationError } from '../../lib/errors.js';
import { type CliIo, cliActor, withApp } from '../io.js';

/** Reads all of standard input (the client secret is never put on the command line). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `g2g council set-sso` and `g2g council disable-sso`: a council's OpenID Connect provider.
 * Registered after the `council` command group, which it joins (or starts, if absent).
 */
export function registerSsoCommands(program: Command, io: CliIo): void {
  const council =
    program.commands.find((c) => c.name() === 'council') ??
    program.command('council').description('councils (tenants) of this service');

  council
    .command('set-sso')
    .description(
      'turn on single sign-on for a council with its OpenID Connect provider (Microsoft Entra ID: issuer https://login.microsoftonline.com/<tenant-id>/v2.0); prints the redirect URI to register',
    )
    .argument('<slug>', "the council's short name")
    .requiredOption('--issuer <url>', "the provider's issuer address")
    .requiredOption('--client-id <id>', "this service's client (application) ID at the provider")
    .requiredOption(
      '--client-secret-stdin',
      'read the client secret from standard input (so it stays out of shell history)',
    )
    .option('--actor <name>', 'who is making the change (default: G2G_ACTOR or your login name)')
    .action(async (slug: string, options: { issuer: string; clientId: string; actor?: string }) => {
      if (process.stdin.isTTY) io.err('Paste the client secret, then press Ctrl-D:');
      const clientSecret = (await readStdin()).trim();
      if (!clientSecret) {
        throw new ValidationError(
          [
            {
              path: '--client-secret-stdin',
              message: 'no client secret was given on standard input',
            },
          ],
          'option',
        );
      }
      await withApp(io, (app) =>
        app.transaction((trx) =>
          app.services.oidc.configure(
            trx,
            { actor: cliActor(io, options.actor), at: app.clock.now() },
            slug,
            { issuer: options.issuer, clientId: options.clientId, clientSecret },
          ),
        ),
      );
      io.out(`Single sign-on is on for ${slug}.`);
      const { SSO_SCOPES, ssoRedirectUri } = await import('../../accounts/oidc.service.js');
      const { loadConfig } = await import('../../config.js');
      io.out(`Scopes requested: ${SSO_SCOPES}`);
      io.out('Register this redirect URI with the provider:');
      io.out(ssoRedirectUri(loadConfig(io.env).publicUrl, slug));
    });

  council
    .command('disable-sso')
    .description(
      "turn off single sign-on for a council (its settings and people's linked accounts are kept)",
    )
    .argument('<slug>', "the council's short name")
    .option('--actor <name>', 'who is making the change (default: G2G_ACTOR or your login name)')
    .action(async (slug: string, options: { actor?: string }) => {
      await withApp(io, (app) =>
        app.transaction((trx) =>
          app.services.oidc.disable(
            trx,
            { actor: cliActor(io, options.actor), at: app.clock.now() },
            slug,
          ),
        ),
      );
      io.out(`Single sign-on is off for ${slug}: its people sign in with email and password.`);
    });
}
