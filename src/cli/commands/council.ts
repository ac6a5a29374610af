import type { Command } from 'commander';
import { type CliIo, cliActor, withApp } from '../io.js';

const SERVER_ONLY =
  'For administrators working on the server: these commands act on the database directly, without a sign-in.';

/** `g2g council add|list`: the councils (tenants) this instance serves. */
export function registerCouncilCommands(program: Command, io: CliIo): void {
  const council = program
    .command('council')
    .description('councils (tenants) of this service')
    .addHelpText('after', `\n${SERVER_ONLY}`);

  council
    .command('add')
    .description('add a council; then add its first administrator with g2g user add')
    .requiredOption('--slug <slug>', 'short name used in addresses, like bristol')
    .requiredOption('--name <name>', 'full name, like Bristol City Council')
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action((options: { slug: string; name: string }) =>
      withApp(io, async (app) => {
        const added = await app.transaction(async (trx) => {
          const row = await app.services.access.addCouncil(trx, options);
          await app.services.access.audit(trx, app.clock.now(), {
            kind: 'council-added',
            organisationId: row.id,
            detail: { slug: row.slug, by: cliActor(io) },
          });
          return row;
        });
        io.out(`Added ${added.name} (${added.slug})`);
      }),
    );

  council
    .command('list')
    .description('every council, by short name')
    .option('--json', 'print JSON: [{ "slug", "name", "id" }]')
    .addHelpText('after', `\n${SERVER_ONLY}`)
    .action((options: { json?: boolean }) =>
      withApp(io, async (app) => {
        const councils = await app.transaction((trx) => app.services.access.listCouncils(trx));
        if (options.json) {
          io.out(JSON.stringify(councils.map((c) => ({ slug: c.slug, name: c.name, id: c.id }))));
          return;
        }
        if (councils.length === 0)
          io.out('No councils yet. Add one with: g2g council add --slug S --name N');
        for (const c of councils) io.out(`${c.slug.padEnd(24)}  ${c.name}`);
      }),
    );
}
