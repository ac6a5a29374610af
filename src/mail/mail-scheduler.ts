// The server's own scheduler for e-mail: runs the same tick as `g2g rounds tick` every few
// seconds. Whether an e-mail is due or sent lives in the database (the outbox), never here,
// so two servers on one database, or a restart, still send each e-mail once; the only state
// here is "a tick is running", so that one slow SMTP server never stacks ticks up.

export interface MailScheduler {
  /** Stops the interval and waits for a tick under way to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `tick` now and then every `everySeconds`, one at a time; a tick's failure goes to
 * `onError` and the next tick tries again.
 */
export function startMailScheduler(
  tick: () => Promise<unknown>,
  everySeconds: number,
  onError: (error: unknown) => void,
): MailScheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = tick()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, 0);
  const timer = setInterval(run, everySeconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
