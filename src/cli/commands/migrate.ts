import type { Command } from 'commander';
import type { CliIo } from '../io.js';

export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply pending database migrations (also done on every start)')
    .action(async () => {
      const { loadConfig } = await import('../../config.js');
      const { openDatabase } = await import('../../db/database.js');
      const { migrateToLatest } = await import('../../db/migrate.js');
      const database = await openDatabase(loadConfig(io.env), io.context?.open);
      try {
        const applied = await migrateToLatest(database.db);
        io.out(
          applied.length
            ? `Applied ${applied.join(', ')}`
            : `The database (${database.location}) is up to date`,
        );
      } finally {
        await database.close();
      }
    });
}
