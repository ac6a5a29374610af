// How fast the command line answers: g2g --help, g2g deadline and a dry-run import of a seed,
// each started as a person starts it (node bin/g2g.js, the built dist/), beside a bare
// `node -e ""` started the same way in the same run (the floor of any Node command here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each command answers in under this, whole process, start to exit. */
export const CLI_TARGET_MS = 1000;
const ROUNDS = 7;

export interface CliTiming {
  label: string;
  p50: number;
  max: number;
}

export function benchCli(): { rows: CliTiming[]; load: number[]; leftBehind: boolean } {
  const bin = fileURLToPath(new URL('../bin/g2g.js', import.meta.url));
  const seed = fileURLToPath(
    new URL('../src/importer/interpret/fixtures/seed-001.txt', import.meta.url),
  );
  const folder = mkdtempSync(join(tmpdir(), 'g2g-bench-cli-'));
  const dataDir = join(folder, 'data');
  const env = { ...process.env, G2G_DATA_DIR: dataDir, DATABASE_URL: '' };
  const commands: Array<[string, string[]]> = [
    ['node -e "" (the floor: Node starting and stopping)', ['-e', '']],
    ['g2g --help', [bin, '--help']],
    ['g2g deadline --received 2026-12-01', [bin, 'deadline', '--received', '2026-12-01']],
    [
      'g2g import seed-001.txt --dry-run (an empty data folder)',
      [bin, 'import', seed, '--dry-run'],
    ],
  ];
  const load = loadavg();
  const rows = commands.map(([label, args]) => {
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
      samples.push(performance.now() - started);
      if (run.status !== 0) throw new Error(`${label} failed: ${run.stderr}`);
    }
    samples.sort((a, b) => a - b);
    return { label, p50: samples[Math.floor(ROUNDS / 2)] ?? NaN, max: samples.at(-1) ?? NaN };
  });
  const leftBehind = existsSync(dataDir);
  rmSync(folder, { recursive: true, force: true });
  return { rows, load, leftBehind };
}
