// The pages bench's section of docs/benchmarks.md: each row beside its ceiling, the targets
// judged on ratios and latencies measured in the same run, and the machine's load average.
import {
  EXPORT_P99_TARGET_MS,
  EXPORT_RPS_TARGET,
  P95_TARGET_MS,
  RATIO_TARGET,
  type PagesRun,
} from './pages.js';

/** Resident memory of the app process, at its highest under the bench's load. */
export const RSS_TARGET_MB = 300;

export function pagesReport(run: PagesRun, machine: string, today: string): string {
  // No response inside a row's window: no percentile.
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'none');
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' / ');
  const checks: Array<[string, boolean]> = [];
  for (const r of run.rows) {
    if (r.kind === 'plan page' && r.connections === 10)
      checks.push([
        `${r.page} at 10 connections: ${r.ratio.toFixed(2)} of its ceiling (target ${RATIO_TARGET})`,
        r.ratio >= RATIO_TARGET,
      ]);
    if (r.kind === 'plan page' && r.connections === 50)
      checks.push([
        `${r.page} at 50 connections: p95 ${ms(r.app.p95)} ms (target under ${P95_TARGET_MS})`,
        r.app.p95 < P95_TARGET_MS,
      ]);
    if (r.kind === 'export' && r.connections === 10) {
      checks.push([
        `export at 10 connections: ${r.app.rps.toFixed(0)} a second (target ${EXPORT_RPS_TARGET})`,
        r.app.rps >= EXPORT_RPS_TARGET,
      ]);
      checks.push([
        `export at 10 connections: p99 ${ms(r.app.p99)} ms (target under ${EXPORT_P99_TARGET_MS})`,
        r.app.p99 < EXPORT_P99_TARGET_MS,
      ]);
    }
  }
  checks.push([
    `resident memory at its highest: ${run.memory.peakMb.toFixed(0)} MB (target under ${RSS_TARGET_MB})`,
    run.memory.peakMb < RSS_TARGET_MB,
  ]);
  checks.push([
    `every download in the access log: ${run.exports.logged} logged, ${run.exports.received} received by the bench`,
    run.exports.logged >= run.exports.received,
  ]);
  const missed = checks.filter(([, ok]) => !ok);
  return [
    `Measured ${today} on ${machine}, database: ${run.database === 'pglite' ? 'embedded PGlite, with the demo plans loaded' : 'PostgreSQL server'}. ` +
      `Load average (1, 5, 15 minutes) ${load(run.load.before)} before the run and ${load(run.load.after)} after. ` +
      `Each row: ${run.seconds.warmUp} s warm-up, then ${run.seconds.measure} s measured, first against g2g, then against the ceiling ` +
      '(a bare `node:http` server sending the same bytes and headers from memory); percentiles are exact, over every response, and every response was 2xx.',
    '',
    '| page | KB | connections | g2g requests/s | ceiling requests/s | ratio | g2g p50 ms | g2g p95 ms | g2g p99 ms | ceiling p95 ms | g2g RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...run.rows.map(
      (r) =>
        `| ${r.page} | ${(r.bytes / 1024).toFixed(0)} | ${r.connections} | ${r.app.rps.toFixed(0)} | ${r.ceiling.rps.toFixed(0)} | ` +
        `${r.ratio.toFixed(2)} | ${ms(r.app.p50)} | ${ms(r.app.p95)} | ${ms(r.app.p99)} | ${ms(r.ceiling.p95)} | ${r.rssMb.toFixed(0)} |`,
    ),
    '',
    `First views after a change (one edit through the services, then the page; ${run.firstViews.length ? 15 : 0} rounds, one request at a time, asking for br or gzip as a browser does) beside a repeat view just after:`,
    '',
    '| page | first view p50 ms | first view p95 ms | repeat p50 ms | repeat p95 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...run.firstViews.map(
      (f) =>
        `| ${f.page} | ${ms(f.first.p50)} | ${ms(f.first.p95)} | ${ms(f.repeat.p50)} | ${ms(f.repeat.p95)} |`,
    ),
    '',
    `Resident memory of the g2g process: ${run.memory.startMb.toFixed(0)} MB when ready, ${run.memory.peakMb.toFixed(0)} MB at its highest, ${run.memory.endMb.toFixed(0)} MB at the end. Of which (process.memoryUsage): the JavaScript heap ${run.memory.ready.heapUsed} MB used of ${run.memory.ready.heapTotal} when ready and ${run.memory.end.heapUsed} of ${run.memory.end.heapTotal} at the end; outside it (${run.database === 'pglite' ? "the embedded database's WebAssembly memory, buffers" : 'buffers'}) ${run.memory.ready.external} MB when ready and ${run.memory.end.external} at the end, ${run.memory.end.arrayBuffers} MB of them buffers.`,
    '',
    ...checks.map(([text, ok]) => `- ${ok ? 'met' : '**missed**'}: ${text}`),
    '',
    missed.length
      ? `**Target missed** (${missed.length} of ${checks.length}).`
      : `Every target met (${checks.length}).`,
  ].join('\n');
}
