import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { planEditPage } from './content/plan-edit.view-model.js';
import { statusChoices } from './settings/settings.view-model.js';

// GOV.UK pattern fixes on "Edit this plan" and the plan settings: a theme's kind apart from
// its name, Move up and Move down side by side as small buttons, and only the statuses the
// plan may take offered as radios.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let manager: WebClient;
const PASSWORD = 'a long enough password';
const base = buildPlanDocument();
const doc = buildPlanDocument({
  themes: [
    ...base.themes,
    { ...base.themes[0]!, id: 't2', kind: 'workstream', ref: 'B', title: 'Workforce' },
  ],
  recommendations: ['1', '2', '3'].map((ref) => ({
    ...base.recommendations[0]!,
    id: `r${ref}`,
    ref,
    text: `Recommendation number ${ref}`,
  })),
});

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), doc),
  );
  const email = 'manager@testshire.gov.uk';
  await addMember(
    app,
    { email, name: 'Plan Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
  manager = await new WebClient(server).signIn(email, PASSWORD);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('the edit page', () => {
  test('a theme’s kind and its name are separate values, and so are the links’ hidden words', () => {
    const page = planEditPage(doc, planId);
    const themes = page.groups.find((g) => g.id === 'themes');
    assert.deepEqual(
      themes?.items.map((i) => [i.kind, i.label, i.about]),
      [
        ['Theme', 'Outcomes for care leavers', 'theme Outcomes for care leavers'],
        ['Workstream', 'B Workforce', 'workstream B Workforce'],
      ],
    );
    const sections = page.groups.find((g) => g.id === 'sections');
    assert.equal(sections?.items[0]?.kind, null);
    assert.equal(sections?.items[0]?.about, 'section Section One Priority and immediate action');
  });

  test('each recommendation offers only the moves it can make', () => {
    const page = planEditPage(doc, planId);
    assert.deepEqual(
      page.recommendations.map((r) => r.moves.map((m) => m.direction)),
      [['down'], ['up', 'down'], ['up']],
    );
  });

  test('the page shows the kind in its own column and Move up / Move down as a button group', async () => {
    const page = await manager.get(`/plans/${planId}/edit`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<th scope="col" class="govuk-table__header">Kind<\/th>/);
    assert.match(
      page.body,
      /<td class="govuk-table__cell app-item-kind">Theme<\/td>\s*<td class="govuk-table__cell">Outcomes for care leavers<\/td>/,
    );
    assert.doesNotMatch(page.body, /Theme Outcomes for care leavers/);
    // The middle recommendation: one form, both buttons in one group, small and secondary.
    const middle =
      /<form method="post" action="[^"]+\/recommendations\/r2\/move"[\s\S]*?<\/form>/.exec(
        page.body,
      )?.[0];
    assert.ok(middle, 'the move form of recommendation 2');
    assert.match(
      middle,
      /<div class="govuk-button-group[^"]*">\s*<button[^>]*value="up"[^>]*class="govuk-button govuk-button--secondary[^"]*app-button--small"[\s\S]*<button[^>]*value="down"/,
    );
    assert.equal(page.body.match(/\/move"/g)?.length, 3, 'one form per recommendation');
    // Wide tables scroll in a labelled, focusable region of their own.
    assert.match(
      page.body,
      /<div class="app-table-scroll" role="region" aria-label="Recommendations" tabindex="0">/,
    );
  });

  test('a move still works from the grouped buttons', async () => {
    const form = await manager.get(`/plans/${planId}/edit`);
    const moved = await manager.post(`/plans/${planId}/recommendations/r2/move`, {
      _csrf: manager.csrf(form.body),
      from: '1',
      direction: 'up',
    });
    assert.equal(moved.statusCode, 303);
    const after = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.deepEqual(
      after.recommendations.map((r) => r.ref),
      ['2', '1', '3'],
    );
  });
});

describe('the settings page’s status', () => {
  test('offers the current status and the allowed next ones, nothing else', () => {
    const draft = statusChoices('draft', ['approved'], 'draft');
    assert.deepEqual(
      draft.items.map((i) => [i.value, i.checked]),
      [
        ['draft', true],
        ['approved', false],
      ],
    );
    assert.equal(draft.hint, 'The plan is draft. From here it can become approved.');
    const closed = statusChoices('closed', [], 'closed');
    assert.deepEqual(
      closed.items.map((i) => i.value),
      ['closed'],
    );
    assert.equal(closed.hint, 'The plan is closed. Its status cannot change from here.');
  });

  test('a draft plan’s settings show two radios, not all five', async () => {
    const page = await manager.get(`/plans/${planId}/settings`);
    assert.equal(page.statusCode, 200);
    const radios = [...page.body.matchAll(/name="status" type="radio" value="([a-z]+)"/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(radios, ['draft', 'approved']);
    assert.doesNotMatch(page.body, /value="monitoring"/);
  });
});
