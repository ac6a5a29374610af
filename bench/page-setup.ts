// The pages bench's data, made in a short-lived process of its own before the app under the
// bench opens it (page-server.mjs), as `g2g serve` prepares its database apart (see
// src/cli/commands/serve-prepare.ts): the demo plans (unless BENCH_DEMO=no) and a 300-action
// plan with an open update round and a lead of 30 of its actions, in the database the
// environment names (a data directory, or DATABASE_URL). Sends back the plan's and the round's ids.
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { loadDemoData } from '../src/demo/demo-data.js';
import { BENCH_PEOPLE, LEAD_NAME } from './bench-people.js';
import { largePlan } from './large-plan.js';

const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent' };
const app = await createAppContext(loadConfig(env));
try {
  if (env.BENCH_DEMO !== 'no') await loadDemoData(app);
  const document = largePlan(300);
  // One recommendation's ten actions name the lead; the round asks for an update on all 300.
  document.actions = document.actions.map((a) =>
    a.recommendationId === 'r7' ? { ...a, leads: [{ name: LEAD_NAME, kind: 'role' as const }] } : a,
  );
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('bench'), document),
  );
  const roundId = await app.transaction(async (trx) => {
    const by = { userId: null, at: app.clock.now() };
    const scope = await app.services.plans.scope(trx, planId);
    if (!scope) throw new Error('the imported plan is missing');
    for (const [who, person] of Object.entries(BENCH_PEOPLE)) {
      const user = await app.services.accounts.addUser(trx, {
        email: person.email,
        name: who === 'lead' ? 'Bench Lead' : 'Bench User',
        password: person.password,
      });
      await app.services.access.grant(
        trx,
        by,
        user.id,
        scope.organisationId,
        who === 'lead' ? { role: 'action-lead', leadNames: [LEAD_NAME] } : { role: 'plan-manager' },
      );
    }
    const deadline = new Date(Date.parse(app.clock.today()) + 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const round = await app.services.rounds.open(trx, app.changeBy('bench'), planId, {
      name: 'Bench round',
      deadline,
    });
    return round.id;
  });
  await app.close();
  process.send?.({ planId, roundId }, () => process.exit(0));
} catch (error) {
  await app.close();
  throw error;
}
