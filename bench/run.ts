// npm run bench: speed of the core plan operations on the embedded database.
// Prints a table and writes it into docs/benchmarks.md. Bounded: a fixed number of rounds.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { readFileSync as readBytes } from 'node:fs';
import demo from '../src/demo/bristol-improvement-plan.json' with { type: 'json' };
import { DEMO_SOURCES } from '../src/demo/demo-data.js';
import type { PlanDocumentParsed } from '../src/plans/document/plan-document.schema.js';
import { buildPlanDocument } from '../src/test-support/factories.js';

const ROUNDS = 15;

/** A plan of `n` actions across 30 recommendations, each with one update: a large council plan. */
function largePlan(n: number): PlanDocumentParsed {
  const base = buildPlanDocument({ organisation: { slug: 'bench', name: 'Bench Council' } });
  const [rec] = base.recommendations;
  const [action] = base.actions;
  if (!rec || !action) throw new Error('factory changed');
  const recommendations = Array.from({ length: 30 }, (_, i) => ({
    ...rec,
    id: `r${i}`,
    ref: String(i + 1),
  }));
  const actions = Array.from({ length: n }, (_, i) => ({
    ...action,
    id: `a${i}`,
    recommendationId: `r${i % 30}`,
    ref: `${(i % 30) + 1}.${i}`,
  }));
  const updates = actions.map((a, i) => ({
    id: `u${i}`,
    actionId: a.id,
    date: '2026-02-01',
    author: 'Service Manager',
    text: 'Progress this month.',
    proposedStatus: 'AMBER',
    evidence: [],
  }));
  return { ...base, recommendations, actions, updates, measures: [], risks: [], costs: [] };
}

async function time(
  label: string,
  work: () => Promise<unknown>,
): Promise<[string, number, number]> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return [label, at(0.5), at(0.95)];
}

const app = await createAppContext(loadConfig({}), { open: { inMemory: true } });
const large = largePlan(300);
const actor = () => app.changeBy('bench');
const demoId = await app.transaction((trx) => app.services.documents.import(trx, actor(), demo));
const largeId = await app.transaction((trx) => app.services.documents.import(trx, actor(), large));

// The importer on each seed, one after another (timings must not overlap).
const seedResults: Array<[string, number, number]> = [];
for (const url of DEMO_SOURCES) {
  const bytes = readBytes(url);
  const name = url.pathname.split('/').at(-1) ?? '';
  seedResults.push(
    await time(`importer: read and interpret ${name} into a draft`, () =>
      app.services.importer.draft(bytes, name),
    ),
  );
}

const results = [
  ...seedResults,
  await time('importer: read, interpret and save seed-001.txt (Bristol)', async () => {
    const url = DEMO_SOURCES[1];
    if (!url) throw new Error('seed missing');
    const draft = await app.services.importer.draft(readBytes(url), 'seed-001.txt');
    return app.transaction((trx) => app.services.importer.save(trx, actor(), draft));
  }),
  await time(
    'import the Bristol excerpt interchange document (4 recommendations, 27 actions, 44 measures)',
    () => app.transaction((trx) => app.services.documents.import(trx, actor(), demo)),
  ),
  await time('export the Bristol demo plan', () =>
    app.transaction((trx) => app.services.documents.export(trx, demoId)),
  ),
  await time('import a 300-action plan with 300 updates', () =>
    app.transaction((trx) => app.services.documents.import(trx, actor(), large)),
  ),
  await time('export the 300-action plan', () =>
    app.transaction((trx) => app.services.documents.export(trx, largeId)),
  ),
  await time('rebuild the 300-action plan from history (as at now)', () =>
    app.transaction((trx) =>
      app.services.documents.exportAsAt(trx, largeId, new Date().toISOString()),
    ),
  ),
  await time('update one action (validate, write, record history)', () =>
    app.transaction((trx) =>
      app.services.content.update(trx, actor(), largeId, 'action', 'a7', { status: 'RED' }),
    ),
  ),
];
await app.close();

const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, embedded PGlite`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${ROUNDS} rounds each.`,
  '',
  '| operation | median ms | p95 ms |',
  '| --- | ---: | ---: |',
  ...results.map(([label, p50, p95]) => `| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`),
].join('\n');
console.log(table);

const path = 'docs/benchmarks.md';
const doc = readFileSync(path, 'utf8');
const start = '<!-- bench:core:start -->';
const end = '<!-- bench:core:end -->';
writeFileSync(
  path,
  doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`),
);
