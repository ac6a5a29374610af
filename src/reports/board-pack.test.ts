import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A board pack as at a day, rebuilt from history: headline counts, exceptions, what changed
// since the board's previous pack; publishing it freezes it; who may see and publish; and
// what a person is told when the day or the board is wrong.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'pack.manager@testshire.gov.uk';
const VIEWER = 'board.member@testshire.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

const action = (
  id: string,
  rec: string,
  ref: string,
  text: string,
  due: string,
  status: string,
) => ({
  id,
  recommendationId: rec,
  themeId: null,
  ref,
  text,
  outcomes: null,
  leads: [{ name: `Head of ${text.split(' ')[0]}`, kind: 'role' as const }],
  due: parseFuzzyDate(due, period),
  status,
  proposedStatus: null,
  evidence: null,
});

const update = (actionId: string, date: string, text: string, proposedStatus: string | null) =>
  app.transaction((trx) =>
    app.services.updates.add(
      trx,
      app.changeBy('lead'),
      planId,
      { actionId, date, author: 'Service Manager', text, proposedStatus, evidence: [] },
      null,
    ),
  );

before(async () => {
  app = await testContext();
  app.clock.set('2026-01-10T09:00:00Z');
  const base = buildPlanDocument();
  const doc = buildPlanDocument({
    boards: [
      { name: 'Improvement Board', cadence: 'Monthly', chair: 'Chief Executive' },
      { name: 'Scrutiny Committee', cadence: 'Quarterly', chair: null },
    ],
    recommendations: [
      ...base.recommendations,
      {
        ...base.recommendations[0]!,
        id: 'r2',
        ref: '2',
        text: 'Improve the quality of supervision.',
      },
    ],
    actions: [
      action('a1', 'r1', '1.1', 'Recruit personal advisers', 'March 2026', 'AMBER'),
      action('a2', 'r1', '1.2', 'Audit pathway plans', 'By end of April 2026', 'AMBER'),
      action('a3', 'r2', '2.1', 'Supervision policy rewritten', 'Jan 2026', 'GREY'),
      action('a4', 'r2', '2.2', 'Managers trained in reflective supervision', 'Jun 2026', 'GREY'),
    ],
    measures: base.measures.map((m) => ({ ...m, actionIds: ['a1'] })),
    risks: base.risks.map((r) => ({ ...r, controlActionIds: ['a1'] })),
    costs: [
      { ...base.costs[0]!, actionId: 'a1' },
      {
        id: 'c2',
        actionId: null,
        themeId: null,
        item: 'Training programme',
        amountPence: 1_250_050,
        recurrence: 'recurrent',
        financialYear: '2027/28',
        staffing: null,
        notes: null,
      },
    ],
  });
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), doc),
  );
  // February: Red on 1.1; 2.2's due date moves from June to September.
  app.clock.set('2026-02-15T09:00:00Z');
  await update('a1', '2026-02-15', 'Recruitment has stalled.', 'RED');
  app.clock.set('2026-02-20T09:00:00Z');
  await app.transaction((trx) =>
    app.services.content.update(trx, app.changeBy('manager'), planId, 'action', 'a4', {
      due: 'September 2026',
    }),
  );
  // March: 1.2 is complete; an action is added.
  app.clock.set('2026-03-05T09:00:00Z');
  await update('a2', '2026-03-05', 'Every pathway plan audited.', 'BLUE');
  await app.transaction((trx) =>
    app.services.content.add(trx, app.changeBy('manager'), planId, 'action', {
      id: 'a5',
      recommendationId: 'r2',
      themeId: null,
      ref: '2.3',
      text: 'Supervision audit every quarter',
      outcomes: null,
      leads: [],
      due: 'Quarterly',
      status: 'GREY',
      proposedStatus: null,
      evidence: null,
    }),
  );
  app.clock.set('2026-06-15T09:00:00Z');
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Pat Manager', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: VIEWER, name: 'Board Member', password: PASSWORD }, council, {
    role: 'viewer',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const as = (email: string) => new WebClient(server).signIn(email, PASSWORD);
const packUrl = (day: string, board = 'Improvement Board') => {
  const [y, m, d] = day.split('-');
  return `/plans/${planId}/pack?asAt-day=${Number(d)}&asAt-month=${Number(m)}&asAt-year=${y}&board=${encodeURIComponent(board)}`;
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a draft board pack', () => {
  test('the plan links to it, and the page offers a date and the plan’s boards', async () => {
    const manager = await as(MANAGER);
    const overview = await manager.get(`/plans/${planId}`);
    assert.match(overview.body, new RegExp(`href="/plans/${planId}/pack">Board packs</a>`));
    const page = await manager.get(`/plans/${planId}/pack`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Make a board pack/);
    assert.match(page.body, /name="asAt-day" type="text" value="15"/, 'today by default');
    assert.match(page.body, /<option value="Improvement Board" selected>/);
    assert.match(page.body, /<option value="Scrutiny Committee"/);
  });

  test('as at 28 February: counts, exceptions and what changed since a month before', async () => {
    const manager = await as(MANAGER);
    const page = await manager.get(packUrl('2026-02-28'));
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /Board pack as at 28 February 2026/);
    assert.match(words, /since 28 January 2026 \(there is no earlier published pack/);
    assert.match(words, /4 actions, by status/);
    assert.match(words, /Red 1 Amber 1 Grey 2/, 'the action added in March is not there');
    assert.doesNotMatch(words, /Supervision audit every quarter/);
    // Exceptions: 1.1 red; 2.1 overdue (January); 2.2 slipped from June to September.
    assert.match(words, /Red or off track \(1\) .*Action 1\.1 Recruit personal advisers/);
    assert.match(words, /Overdue \(1\) .*Action 2\.1 Supervision policy rewritten/);
    assert.match(
      words,
      /Slipped: due later than first planned \(1\) .* Action 2\.2 .* September 2026 Jun 2026/,
    );
    // Changes since 28 January.
    assert.match(
      words,
      /New updates \(1\) Action 1\.1 , 15 February 2026, Service Manager: Recruitment has stalled\./,
    );
    assert.match(words, /Status changes \(1\) Action 1\.1 Recruit personal advisers: Amber to Red/);
    assert.match(words, /Due dates moved \(1\) Action 2\.2 .*: from Jun 2026 to September 2026/);
    // Costs with totals; risks; measures.
    assert.match(words, /2026\/27 £67,961\.00 £0\.00 £67,961\.00/);
    assert.match(words, /All years £67,961\.00 £12,500\.50 £80,461\.50/);
    assert.match(words, /Impact high, probability medium/);
    assert.match(
      words,
      /Care leavers with a pathway plan .* 61% \(31 October 2025\) No value yet 90% by Jul 2026/,
    );
    // The manager may publish it.
    assert.match(page.body, /Publish this pack/);
  });

  test('is the same whenever it is made: later changes do not reach a past day', async () => {
    const manager = await as(MANAGER);
    const before = text((await manager.get(packUrl('2026-02-28'))).body);
    await app.transaction((trx) =>
      app.services.content.update(trx, app.changeBy('manager'), planId, 'action', 'a3', {
        text: 'Supervision policy rewritten and agreed',
      }),
    );
    const again = text((await manager.get(packUrl('2026-02-28'))).body);
    assert.equal(again, before);
  });

  test('a wrong day or board is named, in words, in the GOV.UK error pattern', async () => {
    const manager = await as(MANAGER);
    const notReal = await manager.get(
      `/plans/${planId}/pack?asAt-day=30&asAt-month=2&asAt-year=2026&board=Improvement+Board`,
    );
    assert.equal(notReal.statusCode, 400);
    assert.match(notReal.body, /There is a problem/);
    assert.match(notReal.body, /href="#asAt-day">The date must be a real date, like 30 4 2018/);
    const early = await manager.get(packUrl('2025-12-01'));
    assert.equal(early.statusCode, 400);
    assert.match(
      early.body,
      /The plan was added on 10 January 2026: enter that date or a later one/,
    );
    const future = await manager.get(packUrl('2026-07-01'));
    assert.match(future.body, /The date must be today \(15 June 2026\) or earlier/);
    const unknown = await manager.get(packUrl('2026-02-28', 'Corporate Parenting Panel'));
    assert.equal(unknown.statusCode, 400);
    assert.match(
      unknown.body,
      /href="#board">This plan has no board called Corporate Parenting Panel: choose one of its boards/,
    );
    const blank = await manager.get(
      `/plans/${planId}/pack?asAt-day=&asAt-month=&asAt-year=&board=Improvement+Board`,
    );
    assert.match(blank.body, /Enter the date the pack is as at, like 30 4 2018/);
    for (const page of [notReal, early, unknown]) {
      assert.doesNotMatch(page.body, /Invalid pack|ValidationError/);
      assert.doesNotMatch(page.body, /Publish this pack/);
    }
  });
});

describe('publishing packs', () => {
  let firstHref = '';
  test('a plan manager publishes a pack for a meeting; it is listed and shown as published', async () => {
    const manager = await as(MANAGER);
    const missing = await manager.submit(
      packUrl('2026-02-28'),
      { asAt: '2026-02-28', board: 'Improvement Board', meeting: ' ' },
      `/plans/${planId}/packs`,
    );
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#meeting">Enter the meeting the pack is for/);
    const published = await manager.submit(
      packUrl('2026-02-28'),
      {
        asAt: '2026-02-28',
        board: 'Improvement Board',
        meeting: 'Improvement Board, 3 March 2026',
        introduction: 'This pack reports progress to the end of February.',
        headlines: 'Recruitment of personal advisers has stalled.',
        decisions: 'The board is asked to agree extra agency cover.',
      },
      `/plans/${planId}/packs`,
    );
    assert.equal(published.statusCode, 303);
    firstHref = String(published.headers.location);
    const page = await manager.get(firstHref);
    assert.match(page.body, /The pack has been published/);
    const words = text(page.body);
    assert.match(words, /Board pack as at 28 February 2026, for Improvement Board, 3 March 2026/);
    assert.match(words, /Headline messages Recruitment of personal advisers has stalled\./);
    assert.match(
      words,
      /Decisions asked of the board The board is asked to agree extra agency cover\./,
    );
    assert.match(words, /Published 15 June 2026 at 9:00am by Pat Manager/);
    const list = text((await manager.get(`/plans/${planId}/packs`)).body);
    assert.match(
      list,
      /Improvement Board Meeting As at Published Since the pack before Improvement Board, 3 March 2026 28 February 2026 15 June 2026 at 9:00am by Pat Manager The board’s first pack/,
    );
  });

  test('the next pack for the board counts from the published one, and shows the moves', async () => {
    const manager = await as(MANAGER);
    const words = text((await manager.get(packUrl('2026-03-31'))).body);
    assert.match(
      words,
      /since the board’s previous pack \(Improvement Board, 3 March 2026, as at 28 February 2026\)/,
    );
    assert.match(words, /5 actions, by status/);
    assert.match(words, /Red 1 \(no change\) Amber 0 \(down 1\) Grey 3 \(up 1\) Blue 1 \(up 1\)/);
    assert.match(words, /Completed \(1\) Action 1\.2 Audit pathway plans/);
    assert.match(words, /Actions added \(1\) Action 2\.3 Supervision audit every quarter/);
    assert.doesNotMatch(
      words,
      /Recruitment has stalled\. Status changes/,
      'February’s update was reported before',
    );
    // Another board has no pack yet: it counts from a month before.
    const scrutiny = text((await manager.get(packUrl('2026-03-31', 'Scrutiny Committee'))).body);
    assert.match(scrutiny, /since 28 February 2026 \(there is no earlier published pack/);
  });

  test('a published pack never changes when the plan does', async () => {
    const manager = await as(MANAGER);
    const before = text((await manager.get(firstHref)).body);
    await app.transaction((trx) =>
      app.services.content.update(trx, app.changeBy('manager'), planId, 'action', 'a1', {
        text: 'Recruit and keep personal advisers',
        status: 'GREEN',
      }),
    );
    await app.transaction((trx) =>
      app.services.content.remove(trx, app.changeBy('manager'), planId, 'cost', 'c2'),
    );
    const after = text((await manager.get(firstHref)).body);
    assert.equal(after, before);
    assert.match(after, /Recruit personal advisers/);
    assert.match(after, /£80,461\.50/);
  });

  test('a board member sees and downloads published packs but cannot publish', async () => {
    const viewer = await as(VIEWER);
    const list = await viewer.get(`/plans/${planId}/packs`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Improvement Board, 3 March 2026/);
    assert.match(list.body, /See a draft pack for any day/);
    const pack = await viewer.get(firstHref);
    assert.equal(pack.statusCode, 200);
    assert.match(pack.body, /download\.xlsx/);
    const draft = await viewer.get(packUrl('2026-02-28'));
    assert.equal(draft.statusCode, 200);
    assert.doesNotMatch(draft.body, /Publish this pack/);
    const csrf = viewer.csrf(draft.body);
    const refused = await viewer.post(`/plans/${planId}/packs`, {
      _csrf: csrf,
      asAt: '2026-02-28',
      board: 'Improvement Board',
      meeting: 'A meeting',
    });
    assert.equal(refused.statusCode, 403);
    const csv = await viewer.get(`${firstHref}/download.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(
      String(csv.headers['content-disposition']),
      /filename="improvement-board-pack-2026-02-28\.csv"/,
    );
    assert.match(
      csv.body,
      /^Recommendation,Action,What will be done,Lead,Due,Status,Latest update,Evidence\r\n/,
    );
    assert.match(
      csv.body,
      /1,Action 1\.1,Recruit personal advisers,Head of Recruit,March 2026,Red,Recruitment has stalled\.,\r\n/,
    );
  });

  test('signed out, or another council’s person, sees nothing', async () => {
    const anonymous = await new WebClient(server).get(firstHref);
    assert.equal(anonymous.statusCode, 302);
    await addMember(
      app,
      { email: 'other@elsewhere.gov.uk', name: 'Other', password: PASSWORD },
      await app.transaction(async (trx) => {
        const other = await app.services.documents.import(
          trx,
          app.changeBy('setup'),
          buildPlanDocument({ organisation: { slug: 'elsewhere', name: 'Elsewhere Council' } }),
        );
        return (await app.services.plans.scope(trx, other))!.organisationId;
      }),
      { role: 'plan-manager' },
    );
    const other = await as('other@elsewhere.gov.uk');
    assert.equal((await other.get(firstHref)).statusCode, 404);
    assert.equal((await other.get(packUrl('2026-02-28'))).statusCode, 404);
    assert.equal((await other.get(`/plans/${planId}/packs`)).statusCode, 404);
  });
});

describe('what changed between two days', () => {
  test('lists added, completed, moved, reworded and re-rated actions, and updates given', async () => {
    const viewer = await as(VIEWER);
    const page = await viewer.get(
      `/plans/${planId}/changes?from-day=31&from-month=1&from-year=2026&to-day=15&to-month=6&to-year=2026`,
    );
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /Between 31 January 2026 and 15 June 2026/);
    assert.match(
      words,
      /New updates \(2\) Action 1\.1 , 15 February 2026, Service Manager: Recruitment has stalled\. Action 1\.2 , 5 March 2026/,
    );
    assert.match(
      words,
      /Completed \(2\) Action 1\.1 Recruit and keep personal advisers Action 1\.2 Audit pathway plans/,
    );
    assert.match(words, /Due dates moved \(1\) Action 2\.2 .*: from Jun 2026 to September 2026/);
    assert.match(
      words,
      /Reworded \(2\) Action 1\.1 : was “Recruit personal advisers”, now “Recruit and keep personal advisers” Words changed: Recruit and keep personal advisers Action 2\.1 : was “Supervision policy rewritten”, now “Supervision policy rewritten and agreed”/,
    );
    assert.match(page.body, /Words changed: Recruit <ins>and keep <\/ins>personal advisers/);
    assert.match(words, /Actions added \(1\) Action 2\.3 Supervision audit every quarter/);
    // The packs list links each pack to what changed since the one before.
    const manager = await as(MANAGER);
    const second = await manager.submit(
      packUrl('2026-03-31'),
      {
        asAt: '2026-03-31',
        board: 'Improvement Board',
        meeting: 'Improvement Board, 7 April 2026',
      },
      `/plans/${planId}/packs`,
    );
    assert.equal(second.statusCode, 303);
    const list = await viewer.get(`/plans/${planId}/packs`);
    assert.match(
      list.body,
      new RegExp(
        `href="/plans/${planId}/changes\\?from=2026-02-28&amp;to=2026-03-31">What changed`,
      ),
    );
    assert.match(list.body, /The board’s first pack/);
  });

  test('says when a day is not real, comes first, or is before the plan', async () => {
    const viewer = await as(VIEWER);
    const notReal = await viewer.get(
      `/plans/${planId}/changes?from-day=31&from-month=4&from-year=2026&to=2026-06-01`,
    );
    assert.equal(notReal.statusCode, 400);
    assert.match(
      notReal.body,
      /href="#from-day">The first date must be a real date, like 30 4 2018/,
    );
    const backwards = await viewer.get(`/plans/${planId}/changes?from=2026-05-01&to=2026-04-01`);
    assert.match(backwards.body, /href="#to-day">The second date must be after the first/);
    const early = await viewer.get(`/plans/${planId}/changes?from=2025-11-01&to=2026-04-01`);
    assert.match(
      early.body,
      /href="#from-day">The plan was added on 10 January 2026: enter that date or a later one/,
    );
  });
});
