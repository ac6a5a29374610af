import { runCli } from '../cli/program.js';
import type { ContextOptions } from '../composition.js';

/**
 * Runs g2g in this process against `env`, capturing what it prints, as a test would read it;
 * `context` hands the composition root what a test fixes (a clock).
 */
export async function runG2g(
  env: Record<string, string>,
  args: string[],
  context?: ContextOptions,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    ...(context ? { context } : {}),
  });
  return { code, out, err, last: out.at(-1) ?? '' };
}
