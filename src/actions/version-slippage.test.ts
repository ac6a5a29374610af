import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Importing a plan again as its next version makes a new plan; an action whose due date is
// later in the new version shows the slip on its page, with the earlier version's date as the
// original, and any move within the new version after it. An unchanged action shows none, nor
// does a plan of the same title in another council.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
const PASSWORD = 'a long enough password';
const VIEWER = 'sam.reader@brookvale.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };
const plans: Record<string, string> = {};

function version(
  label: string | null,
  dues: Record<string, string>,
  organisation = { slug: 'brookvale', name: 'Brookvale Council' },
) {
  const doc = buildPlanDocument();
  const first = doc.actions[0];
  assert.ok(first);
  const action = (id: string, ref: string, text: string) => ({
    ...first,
    id,
    ref,
    text,
    due: parseFuzzyDate(dues[id] ?? 'End March 2026', period),
  });
  return buildPlanDocument({
    organisation,
    plan: { ...doc.plan, title: 'Brookvale improvement plan', versionLabel: label },
    actions: [
      action('v1', '3.1', 'Recruit two independent reviewing officers'),
      action('v2', '3.2', 'Audit every child protection plan'),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

const load = (doc: ReturnType<typeof version>) =>
  app.transaction((trx) => app.services.documents.import(trx, app.changeBy('setup'), doc));

before(async () => {
  app = await testContext();
  app.clock.set('2026-01-12T09:00:00Z');
  plans.first = await load(version(null, { v1: 'End March 2026', v2: 'End April 2026' }));
  // Another council's plan of the same title, with a much earlier date: never compared.
  await load(
    version(null, { v1: 'End January 2026' }, { slug: 'elsewhere', name: 'Elsewhere Council' }),
  );
  app.clock.set('2026-02-16T09:00:00Z');
  plans.second = await load(version('Version 2', { v1: 'End June 2026', v2: 'End April 2026' }));
  app.clock.set('2026-03-02T09:00:00Z');
  await app.transaction((trx) =>
    app.services.content.update(
      trx,
      app.changeBy('Sam Reader', 'The panel moved to September'),
      plans.second ?? '',
      'action',
      'v1',
      { due: 'End September 2026' },
    ),
  );
  await addMember(
    app,
    { email: VIEWER, name: 'Sam Reader', password: PASSWORD },
    await councilOf(app, plans.first),
    { role: 'viewer' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const actionPage = async (planId: string, actionId: string) => {
  const reader = await new WebClient(server).signIn(VIEWER, PASSWORD);
  const page = await reader.get(`/plans/${planId}/actions/${actionId}`);
  assert.equal(page.statusCode, 200);
  return text(page.body);
};

describe('slippage across imported versions of a plan', () => {
  test('a later due date in the new version is a slip, before the moves made in it', async () => {
    const page = await actionPage(plans.second ?? '', 'v1');
    assert.match(page, /Slipped 2 times, by 6 months in all: originally 31 March 2026/);
    assert.match(
      page,
      /From 31 March 2026 to 30 June 2026 \(A new version of the plan was imported, 16 February 2026[^)]*\)\. Reason: Imported as ‘Version 2’; in the first version it was due 31 March 2026/,
    );
    assert.match(
      page,
      /From 30 June 2026 to 30 September 2026 \(Sam Reader, [^)]*\)\. Reason: The panel moved to September/,
    );
    assert.doesNotMatch(page, /31 January 2026/, 'another council’s plan is not a version');
  });

  test('an action with the same due date in both versions has not slipped', async () => {
    assert.doesNotMatch(await actionPage(plans.second ?? '', 'v2'), /Slipped|Due date changes/);
  });

  test('the first version’s own page is unchanged by the later import', async () => {
    assert.doesNotMatch(await actionPage(plans.first ?? '', 'v1'), /Slipped|Due date changes/);
  });
});
