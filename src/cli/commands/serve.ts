import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { changedSinceBuild } from '../build-check.js';
import type { CliIo } from '../io.js';
import { integerOption } from '../usage.js';

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the web server')
    .option('--port <n>', 'port to listen on (default: PORT or 3000; 0 picks a free one)')
    .option('--demo', 'load the demo plans first when the database has no plans')
    .action(async (options: { port?: string; demo?: boolean }) => {
      const { loadConfig, serverUrl } = await import('../../config.js');
      const { openForServing } = await import('./serve-prepare.js');
      const { DEMO_LEAD, DEMO_USER } = await import('../../demo/demo-data.js');
      const { startMailScheduler } = await import('../../mail/mail-scheduler.js');
      const { buildServer } = await import('../../web/server.js');
      const config = loadConfig(io.env);
      const port =
        options.port === undefined ? config.port : integerOption('--port', options.port, 0, 65535);
      if (!config.publicUrlIsSet) config.publicUrl = serverUrl(config.host, port);
      const changed = changedSinceBuild();
      if (changed)
        io.err(
          `Note: ${changed} has changed since the last build, which is what runs: npm run build, then start again, to use your changes`,
        );
      const mailLog = config.logLevel === 'silent' ? undefined : (line: string) => io.out(line);
      const { app, loaded } = await openForServing(
        config,
        { mailLog, ...io.context },
        options.demo === true,
      );
      try {
        if (options.demo) {
          if (loaded) io.out(`Loaded ${loaded} demo plan${loaded === 1 ? '' : 's'}`);
          io.out(`Demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);
          io.out(`Demo action lead: ${DEMO_LEAD.email} / ${DEMO_LEAD.password}`);
        }
        const server = await buildServer(app);
        const address = await server.listen({ port, host: config.host });
        const here = serverUrl(config.host, Number(new URL(address).port) || port);
        // Without PUBLIC_URL, links follow the server (--port 0 has only now chosen its port):
        // the mailer reads config.publicUrl each time it makes a link.
        if (!config.publicUrlIsSet) config.publicUrl = here;
        io.out(
          `Getting to Good is running at ${here} (database: ${app.database.kind}, ${app.database.location})`,
        );
        io.out(
          config.publicUrlIsSet
            ? `Links in e-mails start with ${config.publicUrl} (PUBLIC_URL)`
            : `Links in e-mails start with ${here}: set PUBLIC_URL if people reach it at another address`,
        );
        const scheduler =
          config.mailTickSeconds > 0
            ? startMailScheduler(
                () => app.services.roundMail.tick(app.db),
                config.mailTickSeconds,
                (error) =>
                  io.err(
                    `E-mail: the scheduled tick failed, and will run again: ${error instanceof Error ? error.message : String(error)}`,
                  ),
              )
            : null;
        io.out(
          scheduler
            ? `E-mails that are due are sent every ${config.mailTickSeconds === 1 ? 'second' : `${config.mailTickSeconds} seconds`} (MAIL_TICK_SECONDS)`
            : 'E-mails are not sent by this server (MAIL_TICK_SECONDS=0): run g2g rounds tick from cron',
        );
        const stop = async () => {
          await scheduler?.stop();
          await server.close();
          await app.close();
        };
        const onSignal = (signal: NodeJS.Signals) => {
          void shutDown(server, config, signal, io, async () => {
            await scheduler?.stop();
            await app.close();
          }).then((code) => process.exit(code));
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

/**
 * A graceful stop: /ready answers 503 (for SHUTDOWN_DRAIN_SECONDS, while requests are still
 * taken), then the port closes, the requests in progress finish (each connection closed after
 * its answer), then `finish` (scheduler, database). After SHUTDOWN_GRACE_SECONDS it stops
 * anyway. Resolves with the exit code: 0 when everything finished, 1 when it gave up waiting.
 */
async function shutDown(
  server: FastifyInstance,
  config: Config,
  signal: NodeJS.Signals,
  io: CliIo,
  finish: () => Promise<void>,
): Promise<number> {
  server.stopping.now = true;
  const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;
  if (config.shutdownDrainSeconds > 0) {
    io.out(
      `${signal}: /ready now answers 503; requests are still taken for ${seconds(config.shutdownDrainSeconds)} (SHUTDOWN_DRAIN_SECONDS)`,
    );
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainSeconds * 1000));
  }
  let gaveUp: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    gaveUp = setTimeout(() => resolve('timeout'), config.shutdownGraceSeconds * 1000);
  });
  const closing = server.close().then(finish);
  // Fastify closes the port a moment after close() is called: say so once it has.
  while (server.server.listening) await new Promise((resolve) => setTimeout(resolve, 5));
  io.out(
    `${signal}: no new connections are taken; finishing the requests in progress (at most ${seconds(config.shutdownGraceSeconds)}, SHUTDOWN_GRACE_SECONDS)`,
  );
  const outcome = await Promise.race([closing.then(() => 'closed' as const), timeout]);
  clearTimeout(gaveUp);
  if (outcome === 'timeout') {
    io.err(
      `g2g: requests were still in progress after ${seconds(config.shutdownGraceSeconds)} (SHUTDOWN_GRACE_SECONDS): stopping without them`,
    );
    return 1;
  }
  io.out('Stopped');
  return 0;
}
