import { runCli } from '../cli/program.js';

/** Runs g2g in this process against `env`, capturing what it prints, as a test would read it. */
export async function runG2g(env: Record<string, string>, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err, last: out.at(-1) ?? '' };
}
