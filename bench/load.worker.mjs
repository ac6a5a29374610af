// One autocannon run in a worker thread, so the load generator does not share the
// server's event loop (the server runs on the bench's main thread). Posts back
// autocannon's counts and every response's latency, for exact percentiles.
// Plain JavaScript: Node 20 cannot start a worker from a .ts file through tsx.
// Its input and output are LoadRequest and LoadResult in pages.ts.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const request = workerData;
const latencies = [];
const statusCounts = {};
const summary = await new Promise((resolve, reject) => {
  const instance = autocannon(
    {
      url: request.url,
      connections: request.connections,
      duration: request.duration,
      headers: { cookie: request.cookie, ...request.headers },
      timeout: 30,
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
});
parentPort.postMessage({
  latencies,
  statusCounts,
  requests: summary.requests.total,
  non2xx: summary.non2xx,
  errors: summary.errors,
  timeouts: summary.timeouts,
  resets: summary.resets,
  mismatches: summary.mismatches,
  duration: summary.duration,
});
