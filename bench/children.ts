// The processes of the pages bench: the app (page-server.mjs) and the ceiling (ceiling.mjs),
// each started with an IPC channel, asked questions by message, and measured from /proc.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A process started with an IPC channel; `ask` sends a command and waits for its answer. */
export interface Child {
  process: ChildProcess;
  first: Record<string, unknown>;
  ask(message: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Resident memory now and at its highest, in MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** Starts `script` (TypeScript through tsx, or plain JavaScript) and waits for its first message. */
export async function startChild(
  script: string,
  env: Record<string, string | undefined> = process.env,
): Promise<Child> {
  const child = fork(new URL(script, import.meta.url), [], {
    env,
    execArgv: script.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, (answer: Record<string, unknown>) => void>();
  const first = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Record<string, unknown>));
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code}`)));
  });
  child.on('message', (message) => {
    const answer = message as Record<string, unknown>;
    waiting.get(Number(answer.id))?.(answer);
  });
  const status = (field: string) =>
    Number(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
        readFileSync(`/proc/${child.pid}/status`, 'utf8'),
      )?.[1] ?? NaN,
    ) / 1024;
  return {
    process: child,
    first,
    ask(message) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, (answer) =>
          typeof answer.error === 'string' ? reject(new Error(answer.error)) : resolve(answer),
        );
        child.send({ ...message, id });
      });
    },
    memory: () => ({ rssMb: status('VmRSS'), peakMb: status('VmHWM') }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'stop', stop: true, id: 0 });
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
