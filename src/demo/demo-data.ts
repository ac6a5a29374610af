import type { AppContext } from '../composition.js';
import bristol from './bristol-improvement-plan.json' with { type: 'json' };

/** The demo plans loaded by `npm start` on an empty database. */
export const DEMO_DOCUMENTS: readonly unknown[] = [bristol];

/** The demo sign-in, printed by `npm start`; only ever created on a database with no users. */
export const DEMO_USER = {
  email: 'demo@example.org',
  name: 'Demo improvement manager',
  password: 'getting-to-good-demo',
};

/** Loads the demo plans when the database holds no plans yet; returns how many were loaded. */
export async function loadDemoData(app: AppContext): Promise<number> {
  return app.transaction(async (trx) => {
    if ((await app.services.accounts.listUsers(trx)).length === 0)
      await app.services.accounts.addUser(trx, DEMO_USER);
    if ((await app.services.plans.list(trx)).length > 0) return 0;
    for (const doc of DEMO_DOCUMENTS)
      await app.services.documents.import(trx, app.changeBy('demo data'), doc);
    return DEMO_DOCUMENTS.length;
  });
}
