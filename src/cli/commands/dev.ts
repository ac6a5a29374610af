import type { Command } from 'commander';
import {
  generateSyntheticData,
  leadEmail,
  managerEmail,
  SYNTHETIC_PASSWORD,
} from '../../dev/generate.js';
import { type CliIo, withApp } from '../io.js';
import { integerOption } from '../usage.js';

/** `g2g dev generate`: synthetic data for scale work, kept apart from demo and real data. */
export function registerDevCommands(program: Command, io: CliIo): void {
  const dev = program.command('dev').description('tools for developers (not for live data)');
  dev
    .command('generate')
    .description(
      'fill an empty database with synthetic councils, people and plans with months of history',
    )
    .option('--councils <n>', 'how many councils (1 to 500)', '1')
    .option('--plans <n>', 'plans per council (1 to 10)', '1')
    .option('--actions <n>', 'actions per plan (1 to 2000)', '300')
    .option('--months <n>', 'months of monthly updates and values (1 to 120)', '36')
    .option('--force', 'write even though the database holds councils that are not synthetic')
    .addHelpText(
      'after',
      '\nEvery council it makes is named "Synthetic Council NNN (synthetic data)" with the slug synthetic-NNN.',
    )
    .action(
      (options: {
        councils: string;
        plans: string;
        actions: string;
        months: string;
        force?: boolean;
      }) =>
        withApp(io, async (app) => {
          const made = await generateSyntheticData(
            app,
            {
              councils: integerOption('--councils', options.councils, 1, 500),
              plans: integerOption('--plans', options.plans, 1, 10),
              actions: integerOption('--actions', options.actions, 1, 2000),
              months: integerOption('--months', options.months, 1, 120),
              force: options.force ?? false,
            },
            (line) => io.out(line),
          );
          io.out(
            `Generated ${made.councils} synthetic councils, ${made.plans} plans, ${made.updates} updates and ${made.values} measure values in ${made.seconds.toFixed(0)} s`,
          );
          io.out(
            `Sign in as ${managerEmail(1)} (plan manager) or ${leadEmail(1)} (action lead), and so on for each council, with the password "${SYNTHETIC_PASSWORD}"`,
          );
        }),
    );
}
