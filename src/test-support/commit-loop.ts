// A child process for the crash test: commits plans one transaction at a time,
// printing each commit, until it is killed.
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { buildPlanDocument } from './factories.js';

const app = await createAppContext(loadConfig({ G2G_DATA_DIR: process.argv[2] }));
for (let i = 1; ; i++) {
  await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('crash test'), buildPlanDocument()),
  );
  process.stdout.write(`committed ${i}\n`);
}
