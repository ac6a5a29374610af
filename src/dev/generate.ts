import type { AppContext } from '../composition.js';
import type { Db } from '../db/database.js';
import { ConflictError } from '../lib/errors.js';
import {
  addMonths,
  monthlyUpdates,
  monthlyValues,
  type PlanShape,
  STATUS_CODES,
  SYNTHETIC_PREFIX,
  seeded,
  syntheticPlan,
  syntheticSlug,
} from './synthetic-plan.js';

// g2g dev generate: synthetic councils, people and plans with months of history, for scale
// benchmarks. Each plan is saved on its first day through the import (validated, with its
// history), then lived month by month: every action's update and every measure's value as
// one multi-row statement per kind and month (with its history rows), a few status changes a
// quarter. One transaction per plan, so a plan is there whole or not at all.

export interface GenerateOptions {
  councils: number;
  plans: number;
  actions: number;
  months: number;
  /** Write beside councils that are not synthetic (never the default). */
  force?: boolean;
}

/** The synthetic people's one password, printed by the command (never a real account). */
export const SYNTHETIC_PASSWORD = 'synthetic data only, not for use';
export const managerEmail = (c: number) => `manager@${syntheticSlug(c)}.example`;
export const leadEmail = (c: number) => `lead@${syntheticSlug(c)}.example`;
/** The role the synthetic lead answers for (on every sixth action, a1, a7, ...). */
export const LEAD_ROLE = 'Head of Service, Safeguarding';

const ACTOR = 'synthetic data';
const STATUS_CHANGES_A_QUARTER = 5;

export interface Generated {
  councils: number;
  plans: number;
  updates: number;
  values: number;
  seconds: number;
}

/** Refuses to write synthetic data beside real or demo councils unless forced. */
export async function checkCanGenerate(app: AppContext, trx: Db, options: GenerateOptions) {
  const councils = await app.services.access.listCouncils(trx);
  const others = councils.filter((c) => !c.slug.startsWith(SYNTHETIC_PREFIX));
  if (others.length && !options.force) {
    throw new ConflictError(
      `This database holds ${others.length} council${others.length === 1 ? '' : 's'} that ${others.length === 1 ? 'is' : 'are'} not synthetic (${others[0]?.slug ?? ''}${others.length > 1 ? ', ...' : ''}): synthetic data is kept apart from demo and real data. Use an empty database (a new G2G_DATA_DIR or DATABASE_URL), or add --force`,
    );
  }
  const taken = councils.find((c) => c.slug === syntheticSlug(1));
  if (taken) {
    throw new ConflictError(
      `This database holds synthetic data already (${taken.slug}): generate into an empty database`,
    );
  }
}

/** Generates the synthetic data; `progress` hears after each council. */
export async function generateSyntheticData(
  app: AppContext,
  options: GenerateOptions,
  progress: (line: string) => void = () => {},
): Promise<Generated> {
  const started = Date.now();
  await app.transaction((trx) => checkCanGenerate(app, trx, options));
  // The plans' first month is `months` before this one, so every update is in the past.
  const start = addMonths(app.clock.today().slice(0, 7) + '-01', -options.months);
  const shape: PlanShape = { actions: options.actions, months: options.months, start };
  let updates = 0;
  let values = 0;
  for (let c = 1; c <= options.councils; c++) {
    for (let p = 1; p <= options.plans; p++) {
      const made = await app.transaction((trx) => generatePlan(app, trx, c, p, shape));
      updates += made.updates;
      values += made.values;
    }
    await addPeople(app, c);
    progress(
      `Council ${c} of ${options.councils}: ${options.plans} plan${options.plans === 1 ? '' : 's'}, ${updates} updates so far (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }
  return {
    councils: options.councils,
    plans: options.councils * options.plans,
    updates,
    values,
    seconds: (Date.now() - started) / 1000,
  };
}

async function generatePlan(app: AppContext, trx: Db, c: number, p: number, shape: PlanShape) {
  const doc = syntheticPlan(c, p, shape);
  const at = (day: string) => `${day}T09:00:00.000Z`;
  const planId = await app.services.documents.import(
    trx,
    app.changeBy(ACTOR, null, at(shape.start)),
    doc,
  );
  const plan = {
    plan: (await app.services.plans.get(trx, planId)).plan,
    statusCodes: new Set(STATUS_CODES),
  };
  const random = seeded(c * 31 + p);
  let updates = 0;
  let values = 0;
  for (let month = 0; month < shape.months; month++) {
    const ctx = app.changeBy(ACTOR, null, at(addMonths(shape.start, month, 10)));
    const monthUpdates = monthlyUpdates(doc, shape, month);
    const monthValues = monthlyValues(doc, shape, month);
    await app.services.content.insertMany(trx, ctx, plan, 'update', monthUpdates, updates);
    await app.services.content.insertMany(trx, ctx, plan, 'measureValue', monthValues, values);
    updates += monthUpdates.length;
    values += monthValues.length;
    if (month % 3 === 2) {
      for (let i = 0; i < STATUS_CHANGES_A_QUARTER; i++) {
        const action = doc.actions[Math.floor(random() * doc.actions.length)];
        if (!action) continue;
        const status = STATUS_CODES[Math.floor(random() * STATUS_CODES.length)];
        await app.services.content.update(trx, ctx, planId, 'action', action.id, { status });
      }
    }
  }
  return { updates, values };
}

/** A plan manager and an action lead for council `c`, signing in with SYNTHETIC_PASSWORD. */
async function addPeople(app: AppContext, c: number) {
  await app.transaction(async (trx) => {
    const council = (await app.services.access.listCouncils(trx)).find(
      (o) => o.slug === syntheticSlug(c),
    );
    if (!council) throw new Error(`synthetic council ${c} was not saved`);
    const by = { userId: null, at: app.clock.now() };
    const manager = await app.services.accounts.addUser(trx, {
      email: managerEmail(c),
      name: `Synthetic manager ${c}`,
      password: SYNTHETIC_PASSWORD,
    });
    await app.services.access.grant(trx, by, manager.id, council.id, { role: 'plan-manager' });
    const lead = await app.services.accounts.addUser(trx, {
      email: leadEmail(c),
      name: `Synthetic lead ${c}`,
      password: SYNTHETIC_PASSWORD,
    });
    await app.services.access.grant(trx, by, lead.id, council.id, {
      role: 'action-lead',
      leadNames: [LEAD_ROLE],
    });
  });
}
