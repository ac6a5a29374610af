import type { Command } from 'commander';
import { createAppContext } from '../../composition.js';
import { loadConfig } from '../../config.js';
import { DEMO_LEAD, DEMO_USER, loadDemoData } from '../../demo/demo-data.js';
import { buildServer } from '../../web/server.js';
import type { CliIo } from '../io.js';
import { integerOption } from '../usage.js';

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the web server')
    .option('--port <n>', 'port to listen on (default: PORT or 3000; 0 picks a free one)')
    .option('--demo', 'load the demo plans first when the database has no plans')
    .action(async (options: { port?: string; demo?: boolean }) => {
      const config = loadConfig(io.env);
      const port =
        options.port === undefined ? config.port : integerOption('--port', options.port, 0, 65535);
      const app = await createAppContext(config, io.context);
      try {
        if (options.demo) {
          const loaded = await loadDemoData(app);
          if (loaded) io.out(`Loaded ${loaded} demo plan${loaded === 1 ? '' : 's'}`);
          io.out(`Demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);
          io.out(`Demo action lead: ${DEMO_LEAD.email} / ${DEMO_LEAD.password}`);
        }
        const server = await buildServer(app);
        const address = await server.listen({ port, host: config.host });
        io.out(
          `Getting to Good is running at ${address.replace('127.0.0.1', 'localhost')} (database: ${app.database.kind}, ${app.database.location})`,
        );
        const stop = async () => {
          await server.close();
          await app.close();
        };
        const onSignal = () => {
          void stop().then(() => process.exit(0));
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        io.onServe?.(async () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await stop();
        }, address);
      } catch (error) {
        await app.close();
        throw error;
      }
    });
}
