import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// The plan at a glance: the overview's summary counts the plan's actions by status and what
// needs attention, and does the same for each section, theme and workstream; every count is
// a link to the overview filtered to exactly those actions.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-10T09:00:00Z');
  const base = buildPlanDocument();
  const [action] = base.actions;
  const [rec] = base.recommendations;
  if (!action || !rec) throw new Error('the factory plan has an action and a recommendation');
  const doc = buildPlanDocument({
    sections: [
      { id: 's1', ref: 'Section One', title: 'Priority action', category: 'priority' },
      { id: 's2', ref: 'Section Two', title: 'Other areas', category: 'improvement' },
    ],
    themes: [
      { ...base.themes[0]!, id: 't1', kind: 'workstream', title: 'Workforce' },
      { ...base.themes[0]!, id: 't2', kind: 'theme', title: 'Care leavers' },
    ],
    recommendations: [
      { ...rec, id: 'r1', ref: '1', sectionId: 's1', themeId: 't1' },
      { ...rec, id: 'r2', ref: '2', sectionId: 's2', themeId: 't2', text: 'Improve audits.' },
    ],
    actions: [
      // Section One, workstream Workforce: one Red and overdue (due March), one Green.
      { ...action, id: 'a1', ref: '1.1', recommendationId: 'r1', status: 'RED' },
      {
        ...action,
        id: 'a2',
        ref: '1.2',
        recommendationId: 'r1',
        status: 'GREEN',
        text: 'Recruit two team managers',
        due: parseFuzzyDate('December 2026', period),
      },
      // Section Two, theme Care leavers: Amber, due this month.
      {
        ...action,
        id: 'a3',
        ref: '2.1',
        recommendationId: 'r2',
        status: 'AMBER',
        text: 'Audit twenty case files',
        due: parseFuzzyDate('June 2026', period),
      },
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), doc),
  );
  await addMember(
    app,
    { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

/** The rows of the "By section, theme or workstream" table, as text a reader would see. */
function partRows(html: string): string[] {
  const table = html.split('By section, theme or workstream</caption>')[1]?.split('</table>')[0];
  assert.ok(table, 'the overview has the table by section, theme or workstream');
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The action references an overview lists. */
const refsListed = (html: string) =>
  [...html.matchAll(/href="\/plans\/[^/"]+\/actions\/(a\d)"/g)].map((m) => m[1]).sort();

describe('the summary at the top of the overview', () => {
  test('counts the plan by status, overdue and due this month, in words', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = (await manager.get(`/plans/${planId}`)).body;
    const summary = page.split('id="summary-heading"')[1]?.split('</section>')[0] ?? '';
    const text = summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(text, /3 actions, by status:/);
    assert.match(text, /Red 1/);
    assert.match(text, /Amber 1/);
    assert.match(text, /Green 1/);
    assert.match(text, /1 overdue/);
    assert.match(text, /1 due this month/);
  });

  test('gives the same counts for each section, theme and workstream', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const rows = partRows((await manager.get(`/plans/${planId}`)).body);
    assert.deepEqual(rows, [
      'Section : Section One Priority action 2 Red 1 Green 1 1',
      'Section : Section Two Other areas 1 Amber 1 0',
      'Workstream : Workforce 2 Red 1 Green 1 1',
      'Theme : Care leavers 1 Amber 1 0',
    ]);
  });

  test('each part’s counts link to the overview filtered to exactly those actions', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = (await manager.get(`/plans/${planId}`)).body;
    const sectionOne = page.match(/href="(\/plans\/[^"]+section=s1&amp;status=GREEN)"/)?.[1];
    assert.ok(sectionOne, 'Section One’s Green count is a link');
    assert.deepEqual(refsListed((await manager.get(sectionOne.replace(/&amp;/g, '&'))).body), [
      'a2',
    ]);
    const overdue = page.match(/href="(\/plans\/[^"]+section=s1&amp;overdue=yes)"/)?.[1];
    assert.ok(overdue, 'Section One’s overdue count is a link');
    assert.deepEqual(refsListed((await manager.get(overdue.replace(/&amp;/g, '&'))).body), ['a1']);
    const theme = page.match(/href="(\/plans\/[^"]+theme=t2&amp;status=AMBER)"/)?.[1];
    assert.ok(theme, 'the Care leavers theme’s Amber count is a link');
    assert.deepEqual(refsListed((await manager.get(theme.replace(/&amp;/g, '&'))).body), ['a3']);
  });

  test('the overview can be filtered by section, and says which is chosen', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = (await manager.get(`/plans/${planId}?section=s2`)).body;
    assert.deepEqual(refsListed(page), ['a3']);
    assert.match(page, /<option value="s2" selected>Section Two Other areas<\/option>/);
  });
});
