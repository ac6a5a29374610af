import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// Editing a plan's content through the web app: what a plan manager sees and what
// everyone else is refused.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let manager: WebClient;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: MANAGER, name: 'Improvement Manager', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
  manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
});
after(async () => {
  await server.close();
  await app.close();
});

const doc = () => app.transaction((trx) => app.services.documents.export(trx, planId));
const plan = (path = '') => `/plans/${planId}${path}`;

describe('adding a recommendation and an action', () => {
  test('a plan manager adds them and sees them on the overview, the recommendation page and in history', async () => {
    const added = await manager.submit(plan('/recommendations/new'), {
      ref: '2',
      text: 'Improve the quality of supervision.\nMake sure it is reflective.',
      category: 'improvement',
      sectionId: 's1',
      themeId: '',
      leads: 'Head of Service, Care Leavers / Principal Social Worker',
      due: 'End September 2026',
    });
    assert.equal(added.statusCode, 303);
    const recHref = String(added.headers.location);
    assert.match(recHref, new RegExp(`^/plans/${planId}/recommendations/r-`));
    const recPage = await manager.get(recHref);
    assert.match(
      recPage.body,
      /Improve the quality of supervision.<br>Make sure it is reflective./,
    );
    assert.match(recPage.body, /Head of Service, Care Leavers; Principal Social Worker/);
    assert.match(recPage.body, /End September 2026/);
    assert.match(recPage.body, /by 30 September 2026/);

    const form = await manager.get(`${recHref}/actions/new`);
    assert.match(form.body, /name="ref"[^>]*value="2.1"/, 'the next reference is suggested');
    const action = await manager.submit(`${recHref}/actions/new`, {
      ref: '2.1',
      text: 'Audit supervision records every quarter',
      outcomes: '',
      leads: 'Head of Practice, Quality and Standards\nTeam Manager; Practice Educator',
      due: 'End July 2026',
      status: 'GREY',
    });
    assert.equal(action.statusCode, 303);
    assert.equal(action.headers.location, recHref);
    const after = await manager.get(recHref);
    assert.match(after.body, /Audit supervision records every quarter/);
    assert.match(
      after.body,
      /Head of Practice, Quality and Standards; Team Manager; Practice Educator/,
    );
    assert.match(after.body, /End July 2026<br><span class="govuk-body-s">by 31 July 2026/);
    assert.match(after.body, /govuk-tag--grey">\s*Grey\s*</);

    const overview = await manager.get(plan());
    assert.match(overview.body, new RegExp(`href="${recHref}">Recommendation 2</a>`));
    assert.match(overview.body, /Audit supervision records every quarter/);

    const saved = (await doc()).actions.find((a) => a.ref === '2.1');
    assert.ok(saved);
    assert.deepEqual(saved.leads, [
      { name: 'Head of Practice, Quality and Standards', kind: 'role' },
      { name: 'Team Manager', kind: 'role' },
      { name: 'Practice Educator', kind: 'person' },
    ]);
    const actionPage = await manager.get(plan(`/actions/${saved.id}`));
    assert.match(
      actionPage.body,
      new RegExp(`${MANAGER}</td>\\s*<td class="govuk-table__cell">Added to the plan`),
    );
    const history = await app.transaction((trx) =>
      app.services.history.list(trx, planId, { entity: 'recommendation' }),
    );
    assert.ok(history.some((h) => h.op === 'create' && h.actor === MANAGER));
  });

  test('the same add form sent twice creates one action', async () => {
    const url = plan('/recommendations/r1/actions/new');
    const page = await manager.get(url);
    const form = {
      _csrf: manager.csrf(page.body),
      token: /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      ref: '1.9',
      text: 'Sent twice',
      leads: '',
      due: '',
      status: '',
    };
    const first = await manager.post(url, form);
    const second = await manager.post(url, form);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal((await doc()).actions.filter((a) => a.text === 'Sent twice').length, 1);
  });

  test('a due date that cannot be read and a blank action are refused with the GOV.UK error pattern, keeping the text', async () => {
    const response = await manager.submit(plan('/recommendations/r1/actions/new'), {
      text: '   ',
      leads: 'Someone',
      due: 'when pigs fly',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.equal(response.body.match(/Enter the action/g)?.length, 2);
    assert.equal(response.body.match(/Enter a due date we can understand/g)?.length, 2);
    assert.match(response.body, /value="when pigs fly"/);
  });

  test('over-long text is refused with a clear message and nothing is saved', async () => {
    const before = (await doc()).recommendations.length;
    const response = await manager.submit(plan('/recommendations/new'), {
      text: 'x'.repeat(20_001),
      leads: '',
      due: '',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(
      response.body.match(/Recommendation must be 20,000 characters or fewer/g)?.length,
      2,
    );
    const longLead = await manager.submit(plan('/recommendations/new'), {
      text: 'A recommendation',
      leads: 'y'.repeat(201),
    });
    assert.equal(longLead.statusCode, 400);
    assert.match(longLead.body, /Each lead must be 200 characters or fewer/);
    assert.equal((await doc()).recommendations.length, before);
  });

  test('a form without its CSRF token is refused and nothing is saved', async () => {
    const before = (await doc()).recommendations.length;
    const response = await manager.post(plan('/recommendations/new'), { text: 'No token' });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Your form could not be sent/);
    assert.equal((await doc()).recommendations.length, before);
  });
});

describe('reordering', () => {
  test('recommendations and actions move up and down with plain forms; a move sent twice moves once', async () => {
    await manager.submit(plan('/recommendations/new'), { ref: '9', text: 'Last one' });
    const order = async () => (await doc()).recommendations.map((r) => r.ref);
    const start = await order();
    assert.equal(start.at(-1), '9');
    const hub = await manager.get(plan('/edit'));
    assert.match(hub.body, /Move up<span class="govuk-visually-hidden"> recommendation 9/);
    const last = (await doc()).recommendations.at(-1);
    assert.ok(last);
    const form = { _csrf: manager.csrf(hub.body), direction: 'up', from: String(start.length - 1) };
    const moved = await manager.post(plan(`/recommendations/${last.id}/move`), form);
    assert.equal(moved.statusCode, 303);
    await manager.post(plan(`/recommendations/${last.id}/move`), form);
    const now = await order();
    assert.equal(now.at(-2), '9', 'moved up exactly one place');

    const actions = (await doc()).actions.filter((a) => a.recommendationId === 'r1');
    const second = actions[1];
    assert.ok(second);
    const rec = await manager.get(plan('/recommendations/r1'));
    await manager.post(plan(`/actions/${second.id}/move`), {
      _csrf: manager.csrf(rec.body),
      direction: 'up',
      from: '1',
    });
    const reordered = (await doc()).actions.filter((a) => a.recommendationId === 'r1');
    assert.equal(reordered[0]?.id, second.id);
    const page = await manager.get(plan('/recommendations/r1'));
    assert.ok(page.body.indexOf(second.text) < page.body.indexOf(actions[0]?.text ?? ''));
  });
});

describe('measures and costs', () => {
  test('a measure’s baseline and staged targets are changed and shown on the recommendation page', async () => {
    const response = await manager.submit(plan('/measures/m1/edit'), {
      ref: '',
      name: 'Care leavers with a pathway plan',
      unit: '%',
      direction: 'higher',
      lead: '',
      baselineText: '58% at March 2026',
      baselineValue: '58',
      targets: '75% of care leavers by September 2026\nOver 90% by March 2027',
      recommendationRefs: '1',
      actionRefs: '1.1',
    });
    assert.equal(response.statusCode, 303);
    const m = (await doc()).measures.find((x) => x.id === 'm1');
    assert.equal(m?.baseline?.value, 58);
    assert.deepEqual(
      m?.targets.map((t) => [t.value, typeof t.due === 'object' ? t.due?.end : t.due]),
      [
        [75, '2026-09-30'],
        [90, '2027-03-31'],
      ],
    );
    const page = await manager.get(plan('/recommendations/r1'));
    assert.match(page.body, /58% at March 2026/);
    assert.match(page.body, /Over 90% by March 2027 \(by 31 March 2027\)/);

    const unknown = await manager.submit(plan('/measures/m1/edit'), {
      name: 'Care leavers with a pathway plan',
      direction: 'higher',
      actionRefs: '1.1, 42.7',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /There is no action 42.7 in this plan/);
  });

  test('a cost is changed in pounds and kept in pence', async () => {
    const response = await manager.submit(plan('/costs/c1/edit'), {
      item: 'Agency social workers',
      amount: '£1,234.50',
      recurrence: 'recurrent',
      financialYear: '2026/27',
      staffing: 'agency',
      actionRef: '1.1',
      themeId: '',
      notes: '',
    });
    assert.equal(response.statusCode, 303);
    const cost = (await doc()).costs.find((c) => c.id === 'c1');
    assert.equal(cost?.amountPence, 123_450);
    assert.equal(cost?.recurrence, 'recurrent');
    const hub = await manager.get(plan('/edit'));
    assert.match(hub.body, /Agency social workers, £1,234.50, recurrent, 2026\/27/);
    const bad = await manager.submit(plan('/costs/c1/edit'), {
      item: 'Agency social workers',
      amount: 'lots',
      recurrence: 'recurrent',
      financialYear: '2026-27',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the amount in pounds, like 67,961 or 1200.50/);
  });
});

describe('removing', () => {
  test('a recommendation with actions is removed only after its actions move to another one', async () => {
    const added = await manager.submit(plan('/recommendations/new'), { ref: '7', text: 'To go' });
    const recHref = String(added.headers.location);
    await manager.submit(`${recHref}/actions/new`, { ref: '7.1', text: 'Survives' });
    const confirm = await manager.get(`${recHref}/remove`);
    assert.match(confirm.body, /govuk-warning-text/);
    assert.match(confirm.body, /has 1 action. They will not be removed/);
    const refused = await manager.post(`${recHref}/remove`, {
      _csrf: manager.csrf(confirm.body),
      moveTo: '',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choose the recommendation its actions move to/);
    const removed = await manager.post(`${recHref}/remove`, {
      _csrf: manager.csrf(confirm.body),
      moveTo: 'r1',
    });
    assert.equal(removed.statusCode, 303);
    const after = await doc();
    assert.equal(
      after.recommendations.some((r) => r.text === 'To go'),
      false,
    );
    assert.equal(after.actions.find((a) => a.text === 'Survives')?.recommendationId, 'r1');
  });

  test('an action other things refer to cannot be removed, and the page says why', async () => {
    const page = await manager.get(plan('/actions/a1/remove'));
    assert.match(
      page.body,
      /cannot be removed while these refer to it: measure m1, risk 1, cost c1/,
    );
    assert.doesNotMatch(page.body, /Remove this action<\/button>/);
  });
});

describe('escaping', () => {
  test('HTML and script typed into every field are shown as text', async () => {
    const evil = '<script>alert("x")</script><b>bold</b>';
    const rec = await manager.submit(plan('/recommendations/new'), {
      ref: evil.slice(0, 50),
      text: evil,
      leads: evil,
      due: '',
    });
    assert.equal(rec.statusCode, 303);
    const recHref = String(rec.headers.location);
    const saved = [
      await manager.submit(`${recHref}/actions/new`, {
        ref: 'x',
        text: evil,
        outcomes: evil,
        leads: evil,
      }),
      await manager.submit(plan('/themes/new'), {
        kind: 'workstream',
        title: evil,
        sponsor: evil,
        lead: evil,
      }),
      await manager.submit(plan('/sections/new'), { ref: 'S', title: evil }),
      await manager.submit(plan('/measures/new'), {
        name: evil,
        direction: 'lower',
        baselineText: evil,
        targets: evil,
      }),
      await manager.submit(plan('/risks/new'), {
        threat: evil,
        controls: evil,
        owner: evil,
        controlActionRefs: '1.1',
      }),
      await manager.submit(plan('/costs/new'), {
        item: evil,
        amount: '1',
        recurrence: 'one-off',
        notes: evil,
      }),
    ];
    assert.deepEqual(
      saved.map((r) => r.statusCode),
      [303, 303, 303, 303, 303, 303],
    );
    const measure = (await doc()).measures.find((m) => m.name === evil);
    assert.ok(measure);
    for (const url of [
      recHref,
      plan(),
      plan('/edit'),
      `${recHref}/edit`,
      plan('/recommendations/r1'),
      plan(`/measures/${measure.id}/edit`),
      plan(`/measures/${measure.id}/remove`),
    ]) {
      const body = (await manager.get(url)).body;
      assert.doesNotMatch(body, /<script>alert|<b>bold/, url);
    }
    const page = (await manager.get(recHref)).body;
    assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  });
});
