// The short-lived process `g2g serve` starts when its database is not ready (see
// serve-prepare.ts): it creates and migrates the database, loads the demo plans if asked,
// sends back how many, and ends, taking the memory that work needed with it.
import { createAppContext } from '../../composition.js';
import { loadDemoData } from '../../demo/demo-data.js';
import type { PrepareAnswer, PrepareRequest } from './serve-prepare.js';

const request = await new Promise<PrepareRequest>((resolve) =>
  process.once('message', (message) => resolve(message as PrepareRequest)),
);
let answer: PrepareAnswer;
try {
  const app = await createAppContext(request.config);
  try {
    answer = { loaded: request.demo ? await loadDemoData(app) : 0 };
  } finally {
    await app.close();
  }
} catch (error) {
  answer = {
    error:
      error instanceof Error
        ? { name: error.name, message: error.message }
        : { name: 'Error', message: String(error) },
  };
}
// Ends once the answer is sent, whatever handles a library left open.
process.send?.(answer, () => process.exit(0));
