import { readFileSync } from 'node:fs';
import type { AppContext } from '../composition.js';
import {
  type PlanDocumentParsed,
  planDocumentSchema,
} from '../plans/document/plan-document.schema.js';
import { addDemoMeasures } from './demo-measures.js';

/** The demo sign-in, printed by `npm start`; only ever created on a database with no users. */
export const DEMO_USER = {
  email: 'demo@example.org',
  name: 'Demo improvement manager',
  password: 'walnut harbour lantern',
};

/**
 * A demo action lead: answers for the lead named on most actions of the first demo plan
 * that has leads, so "my actions" on the home page has something to show.
 */
export const DEMO_LEAD = {
  email: 'lead@example.org',
  name: 'Demo action lead',
  password: 'walnut harbour lantern',
};

/**
 * The demo plans: three real councils' published plans (the seed texts), read by the
 * importer exactly as a council's own file would be.
 */
export const DEMO_SOURCES = ['seed-000.txt', 'seed-001.txt', 'seed-002.txt'].map(
  (name) => new URL(`../importer/interpret/fixtures/${name}`, import.meta.url),
);

/**
 * The plan seed 004 reports on (B&NES, after the March 2013 inspection), written by hand in
 * the interchange format from that report, since the plan itself is not among the seeds:
 * its five areas for improvement, the work the report says was done for each, the boards,
 * and the figures it gives. Loaded in its own time like the others, so that a pack for the
 * Panel as at 24 November 2014 reproduces the report's figures and progress.
 */
export const DEMO_DOCUMENT = new URL('./bnes-2013-improvement-plan.json', import.meta.url);

/** Whether loadDemoData has work to do: the database has no users or no plans yet. */
export async function needsDemoData(app: AppContext): Promise<boolean> {
  return app.transaction(
    async (trx) =>
      (await app.services.accounts.listUsers(trx)).length === 0 ||
      (await app.services.plans.list(trx)).length === 0,
  );
}

/** Loads the demo plans when the database holds no plans yet; returns how many were loaded. */
export async function loadDemoData(app: AppContext): Promise<number> {
  const drafts = await Promise.all(
    DEMO_SOURCES.map((url) => app.services.importer.draft(readFileSync(url), url.pathname)),
  );
  return app.transaction(async (trx) => {
    const demoUser =
      (await app.services.accounts.listUsers(trx)).length === 0
        ? await app.services.accounts.addUser(trx, DEMO_USER)
        : null;
    if ((await app.services.plans.list(trx)).length > 0) return 0;
    const seedPlans: string[] = [];
    for (const [i, draft] of drafts.entries()) {
      const planId = await loadInItsOwnTime(app, trx, draft);
      seedPlans.push(planId);
      await addDemoMeasures(app, trx, planId, DEMO_SOURCES[i]?.pathname.split('/').pop() ?? '');
    }
    await loadDocumentInItsOwnTime(
      app,
      trx,
      planDocumentSchema.parse(JSON.parse(readFileSync(DEMO_DOCUMENT, 'utf8'))),
    );
    // The demo person runs every demo council: its administrator and plan manager.
    if (demoUser) {
      const by = { userId: null, at: app.clock.now() };
      for (const council of await app.services.access.listCouncils(trx)) {
        for (const role of ['administrator', 'plan-manager'] as const) {
          await app.services.access.grant(trx, by, demoUser.id, council.id, { role });
        }
      }
      await addDemoLead(app, trx, by, seedPlans);
    }
    return drafts.length + 1;
  });
}

type Trx = Parameters<Parameters<AppContext['transaction']>[0]>[0];
type Draft = Awaited<ReturnType<AppContext['services']['importer']['draft']>>;

/**
 * A demo plan as it was lived: saved on the day it starts (its period's start, else its
 * inspection's publication, else its first update), then each of its progress updates given
 * on its own date, so that its history, statuses and "as at" views follow the real plan.
 * The plan then opens at its latest update (or where it starts): the demo reads like a live
 * plan in its month, not an abandoned one in today's.
 */
export async function loadInItsOwnTime(app: AppContext, trx: Trx, draft: Draft): Promise<string> {
  const doc = draft.document;
  const updates = [...(doc.updates ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const first = updates[0]?.date ?? null;
  const starts = [doc.plan.periodStart, doc.inspection?.publishedOn, first].filter(
    (d): d is string => typeof d === 'string',
  );
  const start = starts.sort()[0] ?? null;
  const opens = updates.at(-1)?.date ?? start;
  const at = (day: string | null) =>
    day ? app.changeBy('demo data', null, `${day}T09:00:00.000Z`) : app.changeBy('demo data');
  // A report is taken as received the day it was published, unless the plan says otherwise,
  // so a demo plan still being written shows its statutory clock.
  const inspection = doc.inspection && {
    ...doc.inspection,
    receivedOn: doc.inspection.receivedOn ?? doc.inspection.publishedOn,
  };
  const planId = await app.services.importer.save(trx, at(start), {
    ...draft,
    document: { ...doc, inspection, updates: [] },
  });
  for (const update of updates) {
    await app.services.updates.add(trx, at(update.date), planId, update, null);
  }
  if (opens) await app.services.plans.update(trx, at(opens), planId, { openAsAt: opens });
  return planId;
}

/**
 * A demo plan written as an interchange document, lived like loadInItsOwnTime's: saved on
 * its period's start without its updates and figures, each update then given on its date
 * and each figure recorded on the update day that reports it (or at the plan's opening day).
 */
async function loadDocumentInItsOwnTime(
  app: AppContext,
  trx: Trx,
  document: PlanDocumentParsed,
): Promise<string> {
  const updates = [...(document.updates ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const start = document.plan.periodStart ?? updates[0]?.date ?? null;
  const opens = updates.at(-1)?.date ?? start;
  const at = (day: string | null) =>
    day ? app.changeBy('demo data', null, `${day}T09:00:00.000Z`) : app.changeBy('demo data');
  const planId = await app.services.documents.import(trx, at(start), {
    ...document,
    updates: [],
    measureValues: [],
  });
  for (const update of updates) {
    await app.services.updates.add(trx, at(update.date), planId, update, null);
  }
  for (const v of document.measureValues ?? []) {
    if (!v.period) continue; // every demo figure has its period
    await app.services.measureValues.record(trx, at(opens), planId, {
      measureId: v.measureId,
      series: v.series,
      period: v.period,
      periodLabel: v.periodLabel ?? null,
      value: v.value,
      source: v.source ?? null,
      enteredBy: 'demo data',
    });
  }
  if (opens) await app.services.plans.update(trx, at(opens), planId, { openAsAt: opens });
  return planId;
}

/** The demo action lead, answering for the lead most often named in one of the seed plans. */
async function addDemoLead(
  app: AppContext,
  trx: Parameters<Parameters<AppContext['transaction']>[0]>[0],
  by: { userId: null; at: string },
  among: string[],
): Promise<void> {
  for (const plan of await app.services.plans.list(trx)) {
    if (!among.includes(plan.id)) continue;
    const doc = await app.services.documents.export(trx, plan.id);
    const counts = new Map<string, number>();
    for (const action of doc.actions) {
      for (const lead of action.leads) counts.set(lead.name, (counts.get(lead.name) ?? 0) + 1);
    }
    const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (!top) continue;
    const lead = await app.services.accounts.addUser(trx, DEMO_LEAD);
    await app.services.access.grant(trx, by, lead.id, plan.organisationId, {
      role: 'action-lead',
      leadNames: [top[0]],
    });
    return;
  }
}
