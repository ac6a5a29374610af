import type { Command } from 'commander';
import { cliActor, type CliIo, withApp } from '../io.js';
import { dateOption } from '../usage.js';

// g2g rounds: open, list and close a plan's update rounds, for scripting. Each prints the
// round's id and state; a refusal is the one "g2g:" line the service's words make.

const OPTIONS = { name: '--name', deadline: '--deadline', actions: 'the plan’s actions' };

const actorOf = (io: CliIo, command: Command) =>
  cliActor(io, (command.parent?.opts() as { actor?: string }).actor);

export function registerRoundCommands(program: Command, io: CliIo): void {
  const rounds = program
    .command('rounds')
    .description("open, list and close a plan's monthly update rounds");
  rounds.option(
    '--actor <name>',
    'who to record as making changes (default: G2G_ACTOR or your login)',
  );

  rounds
    .command('open <plan>')
    .description('open an update round on every action of the plan that is not complete')
    .requiredOption('--name <text>', 'the round’s name, e.g. "April 2026 update"')
    .requiredOption('--deadline <date>', 'the day leads give their updates by (YYYY-MM-DD)')
    .action((planId: string, options: { name: string; deadline: string }, command: Command) => {
      const deadline = dateOption('--deadline', options.deadline);
      return withApp(
        io,
        async (app) => {
          const round = await app.transaction(async (trx) => {
            await app.services.plans.get(trx, planId);
            const opened = await app.services.rounds.open(
              trx,
              app.changeBy(actorOf(io, command)),
              planId,
              { name: options.name, deadline },
            );
            await app.services.roundMail.roundOpened(trx, planId, opened.id);
            return opened;
          });
          const { actions } = await app.transaction((trx) =>
            app.services.rounds.progress(trx, planId, round.id),
          );
          io.out(
            `Opened ‘${round.name}’: deadline ${round.deadline}, ${actions.length} action${actions.length === 1 ? '' : 's'}`,
          );
          io.out(`${round.id}  open`);
        },
        OPTIONS,
      );
    });

  rounds
    .command('list <plan>')
    .description('the plan’s rounds, newest first: id, state, deadline, updated, name')
    .action((planId: string) =>
      withApp(io, async (app) => {
        const lines = await app.transaction(async (trx) => {
          await app.services.plans.get(trx, planId);
          const list = await app.services.rounds.list(trx, planId);
          return Promise.all(
            list.map(async (round) => {
              const { actions } = await app.services.rounds.progress(trx, planId, round.id);
              const updated = actions.filter((a) => a.updates.length).length;
              const state = round.closedAt ? 'closed' : 'open';
              return `${round.id}  ${state.padEnd(6)}  ${round.deadline}  ${updated} of ${actions.length} updated  ${round.name}`;
            }),
          );
        });
        if (!lines.length) io.out('No rounds yet. Open one with: g2g rounds open PLAN');
        for (const line of lines) io.out(line);
      }),
    );

  rounds
    .command('tick')
    .description(
      'queue the rounds’ e-mails that are due (reminders, summaries) and send what is queued; for cron',
    )
    .action(() =>
      withApp(io, async (app) => {
        const { sent, failed, bounced } = await app.services.roundMail.tick(app.db);
        io.out(
          `Sent ${sent} e-mail${sent === 1 ? '' : 's'}; ${failed - bounced} not sent (tried again later unless out of tries); ${bounced} bounced`,
        );
      }),
    );

  rounds
    .command('close <round>')
    .description('close a round: updates given afterwards count towards the next one')
    .action((roundId: string, _options: unknown, command: Command) =>
      withApp(io, async (app) => {
        const round = await app.transaction(async (trx) => {
          const found = await app.services.rounds.getById(trx, roundId);
          return app.services.rounds.close(
            trx,
            app.changeBy(actorOf(io, command)),
            found.planId,
            found.id,
          );
        });
        io.out(`Closed ‘${round.name}’`);
        io.out(`${round.id}  closed`);
      }),
    );
}
